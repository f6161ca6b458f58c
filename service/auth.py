"""Signing in and out, the accounts page of administrateurs, and the site's legal pages."""

from __future__ import annotations

import logging

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, session, url_for

from service.security import USERS, login_user, requires, safe_next
from worker.persistence import accounts
from worker.persistence.accounts import ROLES, AccountError

log = logging.getLogger(__name__)

bp = Blueprint("auth", __name__)


def _store():
    return current_app.extensions["guichet"].store


@bp.route("/connexion", methods=["GET", "POST"])
def login():
    """The login form; a failed attempt says nothing about which part was wrong."""
    next_path = request.values.get("next") or "/"
    if not safe_next(next_path):
        next_path = "/"
    error = None
    if request.method == "POST":
        user = accounts.authenticate(_store(), request.form.get("login", ""), request.form.get("password", ""))
        if user is not None:
            login_user(user)
            log.info("login %s", user.login)
            return redirect(next_path)
        error = "Identifiant ou mot de passe incorrect."
    return render_template("auth/login.html", error=error, next=next_path,
                           login=request.form.get("login", "")), (401 if error else 200)


@bp.post("/deconnexion")
def logout():
    """End the session, and every other cookie of the account: one captured before is refused."""
    if g.user is not None:
        accounts.end_sessions(_store(), g.user.id)
        USERS.forget()
        log.info("logout %s", g.user.login)
    session.clear()
    flash("Vous êtes déconnecté(e).", "info")
    return redirect(url_for("auth.login"))


@bp.route("/compte/mot-de-passe", methods=["GET", "POST"])
@requires("lecteur")
def change_password():
    """Change one's own password; every other session of the account ends, this one goes on."""
    errors, status = {}, 200
    if request.method == "POST":
        form = request.form
        if not accounts.verify_password(accounts.get_user(_store(), g.user.id), form.get("current", "")):
            errors["current"], status = "Mot de passe actuel incorrect.", 401
        elif form.get("new", "") != form.get("confirm", ""):
            errors["confirm"], status = "Les deux saisies du nouveau mot de passe diffèrent.", 422
        else:
            try:
                version = accounts.set_password(_store(), g.user.id, form.get("new", ""))
            except AccountError as exc:
                errors["new"], status = str(exc), 422
            else:
                USERS.forget()
                login_user(g.user, version)
                log.info("password changed %s", g.user.login)
                flash("Votre mot de passe a été changé ; vos autres sessions sont fermées.", "success")
                return redirect(url_for("queue.index"))
    return render_template("auth/password.html", errors=errors, active="password"), status


@bp.get("/accessibilite")
def accessibility():
    """The accessibility statement (RGAA)."""
    return render_template("pages/accessibilite.html")


@bp.get("/mentions-legales")
def legal():
    """Legal notice and personal data."""
    return render_template("pages/mentions.html")


@bp.get("/admin/utilisateurs")
@requires("administrateur")
def users():
    """Every account, and a form to create one."""
    return _users_page({}, {})


def _users_page(errors: dict, form, status: int = 200):
    tokens: dict[int, list] = {}
    now, expired = accounts.utcnow(), set()
    for token in accounts.list_tokens(_store()):
        tokens.setdefault(token.user_id, []).append(token)
        if token.expires_at is not None and accounts.aware(token.expires_at) <= now:
            expired.add(token.id)
    return render_template("admin/users.html", users=accounts.list_users(_store()), roles=ROLES,
                           tokens=tokens, expired_ids=expired, token_days=accounts.TOKEN_DAYS,
                           errors=errors, form=form, active="users"), status


@bp.post("/admin/utilisateurs")
@requires("administrateur")
def create_user():
    """Create an account."""
    form = request.form
    try:
        accounts.create_user(_store(), form.get("login", ""), form.get("password", ""),
                             form.get("role", ""), form.get("name", "").strip())
    except AccountError as exc:
        return _users_page({"form": str(exc)}, form, 422)
    flash(f"Le compte {form.get('login', '').strip().lower()} a été créé.", "success")
    return redirect(url_for("auth.users"))


@bp.post("/admin/utilisateurs/<int:user_id>")
@requires("administrateur")
def update_user(user_id: int):
    """Change a role, deactivate or reactivate an account."""
    form = request.form
    if user_id == g.user.id and (form.get("role", g.user.role) != g.user.role or form.get("active") == "0"):
        flash("Vous ne pouvez pas modifier votre propre rôle ni désactiver votre compte.", "error")
        return redirect(url_for("auth.users"))
    active = None if "active" not in form else form.get("active") == "1"
    accounts.set_user(_store(), user_id, role=form.get("role") or None, active=active)
    USERS.forget()
    flash("Le compte a été mis à jour.", "success")
    return redirect(url_for("auth.users"))


@bp.post("/admin/utilisateurs/<int:user_id>/jeton")
@requires("administrateur")
def create_token(user_id: int):
    """A new API token for an account, shown once."""
    user = accounts.get_user(_store(), user_id)
    if user is None:
        raise AccountError("Compte introuvable.")
    form = request.form
    days = form.get("days", str(accounts.TOKEN_DAYS)).strip()
    if not days.isdigit():
        raise AccountError("Indiquez la durée du jeton en jours.")
    token = accounts.create_token(_store(), user_id, form.get("label", ""), days=int(days),
                                  read_only=form.get("scope") == "lecture")
    log.info("token created for %s by %s", user.login, g.user.login)
    return render_template("admin/token.html", user=user, token=token, days=int(days),
                           read_only=form.get("scope") == "lecture", active="users")


@bp.post("/admin/jetons/<int:token_id>/revoquer")
@requires("administrateur")
def revoke_token(token_id: int):
    """Revoke an API token for good."""
    token = accounts.revoke_token(_store(), token_id)
    log.info("token %s revoked by %s", token.id, g.user.login)
    flash(f"Le jeton « {token.label or token.id} » est révoqué.", "success")
    return redirect(url_for("auth.users"))
