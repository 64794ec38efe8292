"""The review pages under /ui/: server-rendered, a form per action, no script needed.

Log in with an API token; the page keeps a session cookie (HttpOnly, SameSite=Strict)
that names the token's holder, never the token itself.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from fecscreen.errors import FecscreenError
from fecscreen.findings_query import get_finding, list_findings
from fecscreen.law.vocabulary import GROUPS
from fecscreen.reviews import STATUSES, audit, set_status

router = APIRouter(prefix="/ui", include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
COOKIE = "fecscreen_session"


def _user(request: Request):
    return request.app.state.service.sessions.get(request.cookies.get(COOKIE, ""))


def _login_redirect() -> RedirectResponse:
    return RedirectResponse("/ui/login", status_code=303)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, error: str | None = None):
    return templates.TemplateResponse(request, "login.html", {"error": error})


@router.post("/login")
def login(request: Request, token: str = Form("")):
    svc = request.app.state.service
    try:
        t = svc.tokens.authenticate("Bearer " + token.strip(), "read")
    except FecscreenError as exc:
        return templates.TemplateResponse(request, "login.html", {"error": exc.message}, status_code=401)
    session = secrets.token_urlsafe(24)
    svc.sessions[session] = (t.name, t.role)
    response = RedirectResponse("/ui/", status_code=303)
    response.set_cookie(COOKIE, session, httponly=True, samesite="strict")
    return response


@router.post("/logout")
def logout(request: Request):
    request.app.state.service.sessions.pop(request.cookies.get(COOKIE, ""), None)
    response = _login_redirect()
    response.delete_cookie(COOKIE)
    return response


@router.get("/", response_class=HTMLResponse)
def findings_page(request: Request, group: str = "", rule: str = "", committee_id: str = "",
                  status: str = "", q: str = "", cursor: str = ""):
    user = _user(request)
    if user is None:
        return _login_redirect()
    store = request.app.state.service.reader()
    filters = {"group": group, "rule": rule, "committee_id": committee_id, "status": status, "q": q}
    try:
        page, nxt = list_findings(store, cursor=cursor or None, limit=50,
                                  **{k: (v or None) for k, v in filters.items()})
        error = None
    except FecscreenError as exc:
        page, nxt, error = [], None, exc.message
    return templates.TemplateResponse(request, "list.html", {
        "user": user, "findings": page, "next": nxt, "filters": filters, "groups": GROUPS,
        "statuses": STATUSES, "error": error})


@router.get("/findings/{finding_id}", response_class=HTMLResponse)
def finding_page(request: Request, finding_id: str, error: str | None = None):
    user = _user(request)
    if user is None:
        return _login_redirect()
    store = request.app.state.service.reader()
    try:
        finding, status = get_finding(store, finding_id)
    except FecscreenError as exc:
        return HTMLResponse(f"<p>{exc.message}</p><p><a href='/ui/'>Back to the findings</a></p>", status_code=404)
    return templates.TemplateResponse(request, "finding.html", {
        "user": user, "f": finding, "status": status, "statuses": STATUSES, "error": error,
        "history": audit(store, finding_id=finding_id, limit=10_000),
        "can_review": user[1] == "reviewer"})


@router.post("/findings/{finding_id}")
def change_status(request: Request, finding_id: str, status: str = Form(""), reason: str = Form(""),
                  evidence: str = Form("")):
    user = _user(request)
    if user is None:
        return _login_redirect()
    svc = request.app.state.service
    if user[1] != "reviewer":
        return finding_page(request, finding_id, error="only a reviewer token may change a status")
    try:
        svc.write(set_status, finding_id, status, reason, by=user[0], evidence=evidence or None)
    except FecscreenError as exc:
        page = finding_page(request, finding_id, error=f"{exc.where}: {exc.message}")
        page.status_code = 422
        return page
    return RedirectResponse(f"/ui/findings/{finding_id}", status_code=303)
