"""Who is signed in, and whether they may publish.

Sign-in is Streamlit's `st.login` (OpenID Connect: Keycloak, ADFS, Authing… on an intranet),
configured in `.streamlit/secrets.toml` under `[auth]`. Editors are listed there too, under
`[baihua] editors = ["email or subject", …]`. Without an identity provider there is no sign-in
and no /import page; `baihua publish` is the way in.
"""

from __future__ import annotations

import streamlit as st


def _secrets(section: str) -> dict:
    # st.secrets raises when no secrets file exists at all: that simply means "not configured".
    try:
        return dict(st.secrets.get(section, {}))
    except Exception:  # noqa: BLE001 - FileNotFoundError or StreamlitSecretNotFoundError
        return {}


def configured() -> bool:
    """An identity provider is set up (st.login has somewhere to send the user)."""
    auth = _secrets("auth")
    return bool(auth.get("server_metadata_url") or any(isinstance(v, dict) for v in auth.values()))


def editors() -> frozenset[str]:
    return frozenset(str(e).strip().lower() for e in _secrets("baihua").get("editors", []))


def user_id() -> str | None:
    """The signed-in user's e-mail, or their subject when the provider has not verified an
    e-mail; None when nobody is signed in. The identity comes from Streamlit's signed cookie,
    set by the server.

    An e-mail counts only with `email_verified: true`: a provider that lets users type their
    own address would otherwise let anyone claim an editor's. Providers that do not send the
    claim (ADFS, some Authing set-ups) are served by listing editors by subject."""
    if not configured() or not signed_in():
        return None
    email = st.user.get("email") if _verified(st.user.get("email_verified")) else None
    return str(email or st.user.get("sub") or "").strip().lower() or None


def _verified(claim) -> bool:
    # Some providers send the claim as the string "true".
    return claim is True or str(claim).lower() == "true"


def signed_in() -> bool:
    # .get: outside a browser session (AppTest) st.user has no is_logged_in attribute at all.
    return bool(st.user.get("is_logged_in", False))


def is_editor() -> bool:
    user = user_id()
    return user is not None and user in editors()


def sign_in_box(lang: str) -> None:
    """Sign in / out at the foot of the sidebar, only where an identity provider is set up."""
    from metrics.i18n import t
    from metrics.safe_text import md_escape

    if not configured():
        return
    with st.sidebar:
        if signed_in():
            st.caption(t("signed_in_as", lang, user=md_escape(user_id() or "")))
            st.button(t("sign_out", lang), key="sign_out", on_click=st.logout)
        else:
            st.button(t("sign_in", lang), key="sign_in", on_click=st.login)
