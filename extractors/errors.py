"""Per-file error codes and the one exception hierarchy that carries them."""

from __future__ import annotations

import logging

from extractors.vocabulary import ErrorCode

log = logging.getLogger(__name__)


# French messages for reviewers; the code is the contract, the text may evolve.
MESSAGES: dict[ErrorCode, str] = {
    ErrorCode.FILE_EMPTY: "Le fichier est vide.",
    ErrorCode.FILE_TOO_LARGE: "Le fichier dépasse la taille maximale acceptée.",
    ErrorCode.FILE_TYPE_UNSUPPORTED: "Le type de ce fichier n'est pas pris en charge.",
    ErrorCode.PDF_ENCRYPTED: "Le PDF est protégé par un mot de passe.",
    ErrorCode.PDF_INVALID: "Le PDF est endommagé ou illisible.",
    ErrorCode.PDF_REPAIRED: "Le PDF est endommagé ; il a été reconstruit pour être lu, vérifiez qu'il est complet.",
    ErrorCode.PDF_TOO_MANY_PAGES: "Le document compte trop de pages ; seules les premières ont été lues.",
    ErrorCode.PAGE_UNREADABLE: "Une page n'a pas pu être lue.",
    ErrorCode.IMAGE_INVALID: "L'image est endommagée ou illisible.",
    ErrorCode.IMAGE_TOO_LARGE: "L'image est trop grande (nombre de pixels excessif).",
    ErrorCode.IMAGE_UNSUPPORTED: "Ce format d'image n'est pas pris en charge.",
    ErrorCode.OCR_TIMEOUT: "La reconnaissance de texte d'une page a dépassé le temps imparti.",
    ErrorCode.OCR_FAILED: "La reconnaissance de texte a échoué.",
    ErrorCode.PARSE_TIMEOUT: "La lecture du fichier a dépassé le temps imparti.",
    ErrorCode.PARSE_MEMORY: "La lecture du fichier a dépassé la mémoire autorisée.",
    ErrorCode.PARSE_CRASHED: "La lecture du fichier a échoué de manière inattendue.",
    ErrorCode.ZIP_INVALID: "L'archive est endommagée ou illisible.",
    ErrorCode.ZIP_ENCRYPTED: "L'archive (ou l'un de ses fichiers) est protégée par un mot de passe.",
    ErrorCode.ZIP_BOMB: "L'archive est anormalement volumineuse une fois décompressée.",
    ErrorCode.ZIP_UNSAFE_PATH: "L'archive contient un chemin de fichier dangereux ; il a été ignoré.",
    ErrorCode.ZIP_TOO_DEEP: "L'archive contient trop de niveaux d'archives imbriquées.",
    ErrorCode.INPUT_TOO_LARGE: "L'envoi contient trop de fichiers ou de données, tous niveaux d'archives et de messages confondus ; la suite n'a pas été lue.",
    ErrorCode.MAIL_INVALID: "Le message électronique est mal formé.",
    ErrorCode.MAIL_CHARSET_UNDECLARED: "Le message contient du texte 8 bits sans jeu de caractères déclaré ; il a été deviné.",
    ErrorCode.MAIL_PARTIAL: "Le message n'est qu'un fragment (message/partial) ; il ne peut pas être reconstitué.",
    ErrorCode.MAIL_DUPLICATE: "Un message de même Message-ID a déjà été reçu ; celui-ci n'a pas été traité à nouveau.",
    ErrorCode.MAIL_TOO_DEEP: "Le message contient trop de niveaux imbriqués.",
    ErrorCode.MAIL_HEADER_TOO_LONG: "Un en-tête du message est anormalement long ; seul son début a été lu.",
    ErrorCode.MAIL_BODY_UNREADABLE: "Le texte du message n'a pas pu être lu ; ses pièces jointes l'ont été.",
    ErrorCode.MSG_INVALID: "Le message Outlook (.msg) est endommagé ou illisible.",
    ErrorCode.TNEF_INVALID: "La pièce jointe Outlook winmail.dat (TNEF) est endommagée ou illisible.",
    ErrorCode.DISK_FULL: "L'espace disque libre est insuffisant ; la suite de l'envoi n'a pas été décompressée. L'original est conservé.",
    ErrorCode.OFFICE_ENCRYPTED: "Le document bureautique est protégé par un mot de passe.",
    ErrorCode.OFFICE_INVALID: "Le document bureautique est endommagé ou illisible.",
    ErrorCode.OFFICE_UNSAFE: "Le document bureautique contient des références externes (XXE) ; il n'a pas été ouvert.",
    ErrorCode.OFFICE_CONVERSION_FAILED: "La conversion du document bureautique en PDF a échoué.",
    ErrorCode.INTERNAL_ERROR: "Erreur interne lors du traitement de ce fichier.",
}


class GuichetError(Exception):
    """An error with a stable code; `detail` adds context for logs and reviewers."""

    code: ErrorCode = ErrorCode.INTERNAL_ERROR
    http_status: int = 422

    def __init__(self, code: ErrorCode | None = None, detail: str | None = None):
        if code is not None:
            self.code = code
        self.detail = detail
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """French message for reviewers, with the technical detail when there is one."""
        text = MESSAGES[self.code]
        return f"{text} ({self.detail})" if self.detail else text


class UsageError(Exception):
    """A command-line or API usage error (exit code 2, HTTP 400)."""
