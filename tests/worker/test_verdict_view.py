"""The dossier the completeness rules see: letter kinds found twice."""

from __future__ import annotations

from types import SimpleNamespace

from worker.persistence.verdict_view import doubled_letters


def doc(kind: str, overridden: bool = False, error: str | None = None) -> SimpleNamespace:
    return SimpleNamespace(kind=kind, kind_overridden=overridden, error=error)


def test_a_letter_kind_found_twice_is_doubled():
    documents = [doc("fiche"), doc("courrier_prefet"), doc("courrier_prefet")]
    assert doubled_letters(documents) == ("courrier_prefet",)


def test_fiches_in_several_documents_and_single_letters_are_not():
    documents = [doc("fiche"), doc("fiche"), doc("courrier_collectivite"), doc("courrier_prefet")]
    assert doubled_letters(documents) == ()


def test_a_reviewers_kinds_stand_and_a_broken_file_is_no_letter():
    assert doubled_letters([doc("courrier_prefet"), doc("courrier_prefet", overridden=True)]) == ()
    assert doubled_letters([doc("courrier_prefet"), doc("courrier_prefet", error="PDF_INVALID")]) == ()
