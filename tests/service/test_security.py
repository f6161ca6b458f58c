"""Headers, cookies, password hashing, rate-limited login, redirects, and the pages every visitor sees."""

from __future__ import annotations

import re

from service.security import script_hash
from tests.service.conftest import PASSWORD, csrf_of, login


def test_every_page_has_strict_security_headers_and_the_state_header_and_footer(app):
    client = app.test_client()
    for path in ("/connexion", "/accessibilite", "/mentions-legales"):
        response = client.get(path)
        policy = response.headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "'unsafe-inline'" not in policy and "frame-ancestors 'none'" in policy
        inline = re.search(r'<script type="module">(.*?)</script>', response.text, re.S).group(1)
        assert script_hash(inline) in policy  # DSFR's one inline script, allowed by its hash
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"
        html = response.text
        assert '<html lang="fr"' in html and 'class="fr-header"' in html and 'class="fr-footer"' in html
        assert "République<br>Française" in html and "Accessibilité : non conforme" in html
        assert "https://" not in re.sub(r'<a [^>]*href="https://[^"]*"', "", html)  # nothing loaded from outside


def test_the_session_cookie_is_secure_httponly_samesite(app):
    client = app.test_client()
    response = client.get("/connexion")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-guichet=") and "Secure" in cookie and "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie and "Path=/" in cookie


def test_passwords_are_hashed_with_argon2id(app):
    from worker.persistence import accounts

    user = accounts.find_user(app.extensions["guichet"].store, "lecteur@example.gouv.fr")
    assert user.password_hash.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert PASSWORD not in user.password_hash


def test_a_failed_login_says_nothing_about_which_part_was_wrong(app):
    client = app.test_client()
    token = csrf_of(client.get("/connexion").text)
    unknown = client.post("/connexion", data={"login": "x@y.fr", "password": "p", "csrf_token": token})
    wrong = client.post("/connexion", data={"login": "lecteur@example.gouv.fr", "password": "p", "csrf_token": token})
    assert unknown.status_code == wrong.status_code == 401
    assert "Identifiant ou mot de passe incorrect." in unknown.text and "Identifiant ou mot de passe incorrect." in wrong.text


def test_login_is_rate_limited(data):
    from service import create_app
    from service.config import WebSettings

    settings, _ = data
    app = create_app(settings, WebSettings(secret_key="k" * 40, login_limit="3 per minute",
                                           page_cache_dir=settings.data_dir / "cache"))
    client = app.test_client()
    token = csrf_of(client.get("/connexion").text)
    codes = [client.post("/connexion", data={"login": "x@y.fr", "password": "p", "csrf_token": token}).status_code
             for _ in range(4)]
    assert codes == [401, 401, 401, 429]
    assert "Trop de tentatives" in client.post("/connexion", data={"csrf_token": token}).text
    app.extensions["guichet"].store.engine.dispose()


def test_login_never_redirects_off_site(app):
    client = app.test_client()
    token = csrf_of(client.get("/connexion").text)
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = client.post("/connexion", data={"login": "lecteur@example.gouv.fr", "password": PASSWORD,
                                                   "csrf_token": token, "next": target})
        assert response.location == "/"
        token = csrf_of(client.get("/").text)


def test_page_images_answer_by_etag_but_are_never_stored(app, ids):
    from worker.core.export import export_dossier

    client = app.test_client()
    login(client, "lecteur")
    dossier = ids["01_pdf_numeriques"]
    sha = export_dossier(app.extensions["guichet"].store, dossier)["documents"][0]["sha256"]
    url = f"/dossiers/{dossier}/fichiers/{sha}/pages/1.png?l=900"
    first = client.get(url)
    assert first.status_code == 200 and first.mimetype == "image/png" and first.data[:4] == b"\x89PNG"
    assert first.headers["Cache-Control"] == "no-store"  # personal data: not kept after logout
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    assert client.get(f"/dossiers/{dossier}/fichiers/{'0' * 64}/pages/1.png").status_code == 404
    assert client.get(url.replace("l=900", "l=5000")).status_code == 404


def test_the_originals_zip_has_safe_names(app, ids):
    import io
    import zipfile

    from service.exports import safe_name

    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("..\\..\\boot.ini") == "boot.ini"
    assert safe_name("a\x00b:c?.pdf") == "a_b_c_.pdf"
    assert safe_name("...") == "fichier"
    client = app.test_client()
    login(client, "lecteur")
    response = client.get(f"/dossiers/{ids['01_pdf_numeriques']}/originaux.zip")
    names = zipfile.ZipFile(io.BytesIO(response.data)).namelist()
    assert sorted(names) == sorted(["pieces/2026-03-16_courrier_prefet_35.pdf",
                                    "pieces/Courrier_soutien_Maire_Combourg.pdf",
                                    "pieces/Fiche_candidature_AtelierFlash_Combourg.pdf"])


def test_queue_exports_apply_the_filters_and_defuse_formulas(app, ids):
    import io

    from openpyxl import load_workbook

    client = app.test_client()
    login(client, "lecteur")
    text = client.get("/export.csv?departement=22").data.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("Dossier;État") and len(lines) == 2 and ids["11_sans_courrier_prefet"] in lines[1]
    book = load_workbook(io.BytesIO(client.get("/export.xlsx").data))
    assert book.active.max_row == 3
    from service.queue_export import sanitise

    assert sanitise(["=HYPERLINK(1)", "+33", "Vitré"]) == ["'=HYPERLINK(1)", "'+33", "Vitré"]
