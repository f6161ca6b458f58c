"""Packaging steps for the letter cases: threads of several messages, an mbox, a late
message that brings a missing piece, and dossiers sent without their fiche."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from . import degrade, office
from .build import Build
from .letters import build_letter
from .mail import DGALN_MAILBOX, Mail, build_message, message_summary, to_bytes, to_mbox
from .model import Letter, date_fr
from .packaging_mail import (
    PDF,
    _at,
    _commune_label,
    _contact_signature,
    _domain,
    _message_id,
    _quoted,
    _state_signature,
)

JPEG = "image/jpeg"


def _rng(b: Build, purpose: str) -> random.Random:
    return random.Random(f"{b.dossier.key}:{purpose}")


def letter_pdf(b: Build, letter: Letter, stem: str) -> Path:
    """A letter that is not one of the dossier's main pieces, rendered to PDF."""
    source = build_letter(letter, b.work / f"{stem}.docx")
    office.make_zip_deterministic(source)
    return office.convert([source], "pdf", b.work / f"pdf_{stem}")[0]


def scanned_pdf(b: Build, pdf: Path, purpose: str, dpi: int = 150,
                producer: str = "Canon iR-ADV C3530") -> tuple[bytes, int]:
    """The pages of a PDF printed, signed and scanned into one image-only PDF."""
    rng = _rng(b, f"scan:{purpose}")
    pngs = office.render_pages(pdf, dpi, b.work / f"gray{dpi}_{purpose}", gray=True)
    out = b.work / f"scan_{purpose}.pdf"
    degrade.images_to_pdf([degrade.scan_page(png, rng) for png in pngs], out, dpi, producer)
    return out.read_bytes(), len(pngs)


def photographed(b: Build, pdf: Path, purpose: str, start: dt.datetime,
                 orientations: dict[int, int] | None = None) -> list[tuple[str, bytes]]:
    """Each page of a PDF photographed with a phone: (IMG_….jpg, bytes) in page order."""
    rng = _rng(b, f"photo:{purpose}")
    pngs = office.render_pages(pdf, 150, b.work / f"rgb150_{purpose}")
    files = []
    for i, png in enumerate(pngs, 1):
        taken = start + dt.timedelta(seconds=23 * (i - 1))
        name = f"IMG_{taken:%Y%m%d_%H%M%S}.jpg"
        out = b.work / name
        degrade.save_photo(degrade.photo_page(png, rng), out, taken,
                           (orientations or {}).get(i, 1))
        files.append((name, out.read_bytes()))
    return files


def _attach_scan(b: Build, mail: Mail, kind: str, name: str, pdf: Path, purpose: str) -> None:
    data, pages = scanned_pdf(b, pdf, purpose)
    mail.attachments.append((name, data, PDF))
    b.add_document(name, data, list(range(1, pages + 1)), kind, ocr=True)


def _attach_pdf(b: Build, mail: Mail, kind: str, name: str) -> None:
    piece = b.pieces[kind]
    data = piece.pdf.read_bytes()
    mail.attachments.append((name, data, PDF))
    b.add_document(name, data, list(range(1, piece.pages + 1)), kind, ocr=False)


def _subject(b: Build) -> str:
    return f"Candidature Atelier Flash – {_commune_label(b)}"


def _write(b: Build, mails: list[Mail], names: list[str]) -> None:
    for mail, name in zip(mails, names, strict=True):
        b.write_input(name, to_bytes(build_message(mail)))
        b.messages.append(message_summary(mail))


def thread_three(b: Build, names: dict[str, str], utc_offset_h: int = 1) -> None:
    """Three messages: the fiche; a 'RE:' with the scanned maire's letter; days later the
    State's referent forwards the thread ('TR: RE:', no In-Reply-To) with the préfet's scan."""
    d, f = b.dossier, b.dossier.fiche
    subject = _subject(b)
    first = Mail(
        sender=(f.contact.nom, f.contact.email.lower()), to=[DGALN_MAILBOX],
        cc=[f.referent.email.lower()], subject=subject,
        date=_at(f.date + dt.timedelta(days=1), 9, 32, utc_offset_h),
        message_id=_message_id(d.key, 1, f"mail.{_domain(f.contact.email)}"),
        body=("Madame, Monsieur,\n\nVeuillez trouver ci-joint notre fiche de candidature à "
              "l'Atelier des territoires Flash. Le courrier du maire est à la signature et "
              "vous sera adressé dans les prochains jours.\n\nBien cordialement,"),
        signature=_contact_signature(b), logo_seed=31)
    _attach_pdf(b, first, "fiche", names["fiche"])
    second = Mail(
        sender=(f.contact.nom, f.contact.email.lower()), to=[DGALN_MAILBOX],
        cc=[f.referent.email.lower()], subject="RE: " + subject,
        date=_at(d.coll_letter.date + dt.timedelta(days=2), 14, 5, utc_offset_h),
        message_id=_message_id(d.key, 2, f"mail.{_domain(f.contact.email)}"),
        in_reply_to=first.message_id, references=[first.message_id],
        body=("Bonjour,\n\nComme annoncé, voici le courrier de soutien signé par le maire "
              f"le {date_fr(d.coll_letter.date)} (numérisé).\n\nBien cordialement,"
              + _quoted(first)),
        signature=_contact_signature(b), logo_seed=31)
    _attach_scan(b, second, "courrier_collectivite", names["courrier_collectivite"],
                 b.pieces["courrier_collectivite"].pdf, "coll")
    third = Mail(
        sender=(f.referent.nom, f.referent.email.lower()), to=[DGALN_MAILBOX],
        subject="TR: RE: " + subject,
        date=_at(d.prefet_letter.date + dt.timedelta(days=3), 11, 47, utc_offset_h),
        message_id=_message_id(d.key, 3, _domain(f.referent.email)),
        body=("Bonjour,\n\nJe vous transfère l'échange ci-dessous et vous adresse en pièce "
              "jointe le courrier de soutien du préfet, qui complète le dossier.\n\n"
              "Cordialement," + _quoted(second)),
        signature=_state_signature(b), logo_seed=32)
    _attach_scan(b, third, "courrier_prefet", names["courrier_prefet"],
                 b.pieces["courrier_prefet"].pdf, "prefet")
    _write(b, [first, second, third],
           ["01_candidature.eml", "02_re_courrier_maire.eml", "03_tr_courrier_prefet.eml"])


def late_piece(b: Build, names: dict[str, str], utc_offset_h: int = 1) -> None:
    """The commune sends the fiche and photos of the maire's letter; weeks later the
    préfecture's secretariat sends the préfet's letter in a new message (its own subject,
    no In-Reply-To): it belongs to the same dossier by its collectivité."""
    d, f = b.dossier, b.dossier.fiche
    first = Mail(
        sender=(f.contact.nom, f.contact.email.lower()), to=[DGALN_MAILBOX],
        subject=_subject(b), date=_at(d.coll_letter.date + dt.timedelta(days=2), 17, 26,
                                      utc_offset_h),
        message_id=_message_id(d.key, 1, f"mail.{_domain(f.contact.email)}"),
        body=("Bonjour,\n\nVous trouverez ci-joint la fiche de candidature et les photos du "
              "courrier de soutien du maire (l'original suit par courrier postal).\n\n"
              "Le courrier de l'État sera transmis directement par ses services.\n\n"
              "Cordialement,"),
        signature=_contact_signature(b), logo_seed=41)
    _attach_pdf(b, first, "fiche", names["fiche"])
    taken = dt.datetime.combine(d.coll_letter.date, dt.time(16, 58, 4))
    for name, data in photographed(b, b.pieces["courrier_collectivite"].pdf, "coll", taken):
        first.attachments.append((name, data, JPEG))
        b.add_document(name, data, [1], "courrier_collectivite", ocr=True)
    secretariat = f"secretariat.sous-prefecture@{_domain(f.referent.email)}"
    second = Mail(
        sender=("Secrétariat de la sous-préfecture", secretariat), to=[DGALN_MAILBOX],
        cc=[f.referent.email.lower()],
        subject="Transmission d'un courrier – Atelier des territoires",
        date=_at(d.prefet_letter.date + dt.timedelta(days=6), 10, 3, utc_offset_h),
        message_id=_message_id(d.key, 2, _domain(f.referent.email)),
        body=("Madame, Monsieur,\n\nVeuillez trouver ci-joint le courrier signé le "
              f"{date_fr(d.prefet_letter.date)}, relatif à la candidature de "
              f"{_commune_label(b).replace('Commune de', 'la commune de', 1)}.\n\n"
              "Bonne réception,"),
        signature=["Secrétariat du sous-préfet", f.etat_service], logo_seed=42)
    _attach_scan(b, second, "courrier_prefet", names["courrier_prefet"],
                 b.pieces["courrier_prefet"].pdf, "prefet")
    _write(b, [first, second], ["candidature.eml", "courrier_sous-prefecture.eml"])


def mbox_thread(b: Build, name: str, names: dict[str, str], utc_offset_h: int = -4) -> None:
    """An .mbox export of two messages: the EPCI's (fiche, its president's letter and a
    member maire's letter, all scanned), then the State's 'RE:' with the préfet's letter."""
    d, f = b.dossier, b.dossier.fiche
    subject = _subject(b)
    first = Mail(
        sender=(f.contact.nom, f.contact.email.lower()), to=[DGALN_MAILBOX],
        cc=[f.referent.email.lower()], subject=subject,
        date=_at(d.coll_letter.date + dt.timedelta(days=4), 8, 12, utc_offset_h),
        message_id=_message_id(d.key, 1, f"mail.{_domain(f.contact.email)}"),
        body=("Madame, Monsieur,\n\nVeuillez trouver ci-joint la candidature de "
              f"{f.coll_nom} : la fiche, le courrier du président et le courrier du maire "
              "de la commune concernée.\n\nBien cordialement,"),
        signature=_contact_signature(b), logo_seed=51)
    _attach_scan(b, first, "fiche", names["fiche"], b.pieces["fiche"].pdf, "fiche")
    _attach_scan(b, first, "courrier_collectivite", names["courrier_collectivite"],
                 b.pieces["courrier_collectivite"].pdf, "coll")
    for i, letter in enumerate(d.other_letters, 1):
        _attach_scan(b, first, letter.kind, names[f"other{i}"], letter_pdf(b, letter, f"other{i}"),
                     f"other{i}")
    second = Mail(
        sender=(f.referent.nom, f.referent.email.lower()), to=[DGALN_MAILBOX],
        cc=[f.contact.email.lower()], subject="RE : " + subject,  # French Outlook's spacing
        date=_at(d.prefet_letter.date + dt.timedelta(days=1), 15, 40, utc_offset_h),
        message_id=_message_id(d.key, 2, _domain(f.referent.email)),
        in_reply_to=first.message_id, references=[first.message_id],
        body=("Bonjour,\n\nPour compléter ce dossier, voici le courrier de soutien du préfet."
              "\n\nCordialement," + _quoted(first)),
        signature=_state_signature(b), logo_seed=52)
    _attach_scan(b, second, "courrier_prefet", names["courrier_prefet"],
                 b.pieces["courrier_prefet"].pdf, "prefet")
    mails = [first, second]
    b.write_input(name, to_mbox([(m, to_bytes(build_message(m))) for m in mails]))
    b.messages += [message_summary(m) for m in mails]


def letters_scanned(b: Build, names: dict[str, str], dpi: int = 150) -> None:
    """Only the letters (no fiche), each scanned into its own image-only PDF."""
    for kind in ("courrier_collectivite", "courrier_prefet"):
        if kind in b.pieces:
            data, pages = scanned_pdf(b, b.pieces[kind].pdf, kind, dpi, "HP LaserJet MFP M428")
            b.write_input(names[kind], data)
            b.add_document(names[kind], data, list(range(1, pages + 1)), kind, ocr=True)


def letters_photographed(b: Build, start: dt.datetime,
                         orientations: dict[str, dict[int, int]] | None = None) -> None:
    """Only the letters (no fiche), every page a phone photo."""
    for i, kind in enumerate(("courrier_collectivite", "courrier_prefet")):
        if kind not in b.pieces:
            continue
        taken = start + dt.timedelta(minutes=3 * i)
        for name, data in photographed(b, b.pieces[kind].pdf, kind, taken,
                                       (orientations or {}).get(kind)):
            b.write_input(name, data)
            b.add_document(name, data, [1], kind, ocr=True)
