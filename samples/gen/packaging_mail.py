"""Packaging steps that send the pieces by e-mail (a reply thread, a forward)."""

from __future__ import annotations

import datetime as dt
from hashlib import sha256

from .build import Build
from .mail import DGALN_MAILBOX, Mail, build_message, message_summary, to_bytes
from .model import date_fr

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _at(day: dt.date, hour: int, minute: int, utc_offset_h: int) -> dt.datetime:
    tz = dt.timezone(dt.timedelta(hours=utc_offset_h))
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=tz)


def _commune_label(b: Build) -> str:
    return b.dossier.fiche.coll_nom.replace("Ville de", "Commune de")


def _attach(b: Build, mail: Mail, kind: str, name: str, data: bytes | None = None,
            mime: str = PDF, pages: int | None = None) -> None:
    piece = b.pieces[kind]
    data = data if data is not None else piece.pdf.read_bytes()
    mail.attachments.append((name, data, mime))
    b.add_document(name, data, list(range(1, (pages or piece.pages) + 1)), kind, ocr=False)


def _contact_signature(b: Build) -> list[str]:
    f = b.dossier.fiche
    return [f.contact.nom, "Service urbanisme – " + f.coll_nom, f"Tél. {f.contact.telephone}"]


def _state_signature(b: Build) -> list[str]:
    f = b.dossier.fiche
    return [f.referent.nom, f.referent_fonction, f.etat_service, f"Tél. {f.referent.telephone}"]


def email_thread(b: Build, names: dict[str, str], utc_offset_h: int = 1) -> None:
    """Message 1: fiche + maire's letter; message 2 (a reply, days later): the préfet's letter."""
    d, f = b.dossier, b.dossier.fiche
    subject = f"Candidature Atelier Flash – {_commune_label(b)}"
    first = Mail(
        sender=(f.contact.nom, f.contact.email.lower()), to=[DGALN_MAILBOX],
        cc=[f.referent.email.lower()], subject=subject,
        date=_at(d.coll_letter.date + dt.timedelta(days=3), 10, 14, utc_offset_h),
        message_id=_message_id(d.key, 1, f"mail.{_domain(f.contact.email)}"),
        body=(f"Madame, Monsieur,\n\nVeuillez trouver ci-joint la fiche de candidature de "
              f"{_commune_label(b).replace('Commune de', 'la commune de', 1)} à l'Atelier "
              f"des territoires Flash, ainsi que le courrier de soutien du maire.\n\n"
              f"Le courrier de soutien du préfet vous sera transmis très prochainement par la "
              f"{f.etat_service}.\n\nBien cordialement,"),
        signature=_contact_signature(b), logo_seed=11)
    _attach(b, first, "fiche", names["fiche"])
    _attach(b, first, "courrier_collectivite", names["courrier_collectivite"])
    second = Mail(
        sender=(f.referent.nom, f.referent.email.lower()), to=[DGALN_MAILBOX],
        cc=[f.contact.email.lower()], subject="RE: " + subject,
        date=_at(d.prefet_letter.date + dt.timedelta(days=1), 16, 42, utc_offset_h),
        message_id=_message_id(d.key, 2, _domain(f.referent.email)),
        in_reply_to=first.message_id,
        body=(f"Bonjour,\n\nPour compléter le dossier transmis par la commune, vous trouverez "
              f"ci-joint le courrier de soutien du préfet, signé le "
              f"{date_fr(d.prefet_letter.date)}.\n\nCordialement,"
              + _quoted(first)),
        signature=_state_signature(b), logo_seed=12)
    _attach(b, second, "courrier_prefet", names["courrier_prefet"])
    for i, mail in enumerate((first, second), 1):
        b.write_input(f"message{i}.eml", to_bytes(build_message(mail)))
        b.messages.append(message_summary(mail))


def _quoted(mail: Mail) -> str:
    header = (f"\n\n-----Message d'origine-----\nDe : {mail.sender[0]} <{mail.sender[1]}>\n"
              f"Envoyé : {date_fr(mail.date.date())} {mail.date:%H:%M}\nObjet : {mail.subject}\n\n")
    return header + "\n".join("> " + line for line in mail.body.splitlines())


def _message_id(key: str, n: int, domain: str) -> str:
    """A mailer-like Message-ID, stable across runs."""
    token = sha256(f"{key}:{n}".encode()).hexdigest().upper()
    return f"<{token[:8]}.{token[8:16]}.{n}@{domain}>"


def _domain(address: str) -> str:
    return address.split("@", 1)[1].lower()


def email_forward(b: Build, names: dict[str, str], utc_offset_h: int = 1) -> None:
    """The commune's mail (fiche .docx + maire's letter) forwarded with the préfet's letter."""
    d, f = b.dossier, b.dossier.fiche
    subject = f"Candidature Atelier Flash – {_commune_label(b)}"
    inner = Mail(
        sender=(f.contact.nom, f.contact.email.lower()), to=[f.referent.email.lower()],
        subject=subject, date=_at(d.coll_letter.date + dt.timedelta(days=1), 9, 5, utc_offset_h),
        message_id=_message_id(d.key, 1, f"mail.{_domain(f.contact.email)}"),
        body=("Bonjour,\n\nComme convenu, voici notre fiche de candidature (version Word) et "
              "le courrier de soutien signé par le maire.\n\nBien à vous,"),
        signature=_contact_signature(b), logo_seed=21)
    fiche_pages = b.pieces["fiche"].pages
    _attach(b, inner, "fiche", names["fiche"], b.pieces["fiche"].docx.read_bytes(), DOCX,
            fiche_pages)
    _attach(b, inner, "courrier_collectivite", names["courrier_collectivite"])
    outer = Mail(
        sender=(f.referent.nom, f.referent.email.lower()), to=[DGALN_MAILBOX],
        subject="TR: " + subject,
        date=_at(d.prefet_letter.date + dt.timedelta(days=2), 8, 51, utc_offset_h),
        message_id=_message_id(d.key, 2, _domain(f.referent.email)),
        body=("Bonjour,\n\nJe vous transfère ci-dessous la candidature de la commune, "
              f"accompagnée du courrier de soutien {_of_prefet(d.prefet_letter)} que je joins "
              "à ce message.\n\n"
              "Je reste à votre disposition pour tout complément.\n\nCordialement,"),
        signature=_state_signature(b), logo_seed=22,
        forwarded=build_message(inner))
    _attach(b, outer, "courrier_prefet", names["courrier_prefet"])
    b.write_input("transfert.eml", to_bytes(build_message(outer)))
    b.messages.append(message_summary(outer))


def _of_prefet(letter) -> str:
    return "de la préfète" if letter.quality_lines[0].startswith("La ") else "du préfet"
