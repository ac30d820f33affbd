"""The readers' account pages: allauth's login, signup and password pages, the profile, data export
and deletion, e-mail addresses, and the social login pages (Facebook, X)."""

import itertools

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken
from django.contrib.auth import get_user_model

from accounts import throttle
from accounts.models import LoginLock, Profile
from tests.page_shapes import admin_object, page, reader

NOT_HTML = "not an HTML page (the reader's data as a JSON download)"
_numbers = itertools.count(1)


def _user():
    n = next(_numbers)
    user = get_user_model().objects.create_user(f"account-{n}", email=f"account-{n}@example.com", password="pw")
    Profile.objects.create(user=user, display_name=f"Reader {n}")
    return user


def _app(provider="facebook"):
    app, _ = SocialApp.objects.get_or_create(
        provider=provider, defaults={"name": provider.title(), "client_id": "id-123", "secret": "secret-456"}
    )
    return app


def _social_account():
    n = next(_numbers)
    return SocialAccount.objects.create(user=_user(), provider="facebook", uid=f"10{n}", extra_data={"name": "A"})


@admin_object(Profile)
def _admin_profile():
    return _user().profile


@admin_object(EmailAddress)
def _admin_email():
    user = _user()
    return EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


@admin_object(LoginLock)
def _admin_login_lock():
    """The list shows the locks in the cache: one account and one address locked out."""
    throttle._lock("account", f"desk-{next(_numbers)}", 60)
    throttle._lock("address", "203.0.113.5", 60)


@admin_object(Authenticator)
def _admin_authenticator():
    return TOTP.activate(_user(), generate_totp_secret()).instance


def _reader_with_totp():
    """The page shapes' reader (reader=True) with an authenticator app and recovery codes set up."""
    user = reader()
    if not Authenticator.objects.filter(user=user).exists():
        TOTP.activate(user, generate_totp_secret())
        RecoveryCodes.activate(user)


@admin_object(SocialApp)
def _admin_app():
    return SocialApp.objects.create(
        provider="twitter_oauth2", name=f"X {next(_numbers)}", client_id="id", secret="secret"
    )


@admin_object(SocialAccount)
def _admin_social_account():
    return _social_account()


@admin_object(SocialToken)
def _admin_token():
    return SocialToken.objects.create(app=_app(), account=_social_account(), token="token-abc")


@page("accounts, login")
def login():
    return "/accounts/login/"


@page("accounts, signup")
def signup():
    return "/accounts/signup/"


@page("accounts, password reset")
def password_reset():
    return "/accounts/password/reset/"


@page("accounts, password reset e-mail sent")
def password_reset_done():
    return "/accounts/password/reset/done/"


@page("accounts, password reset link that is not valid")
def password_reset_bad_key():
    return "/accounts/password/reset/key/1-not-a-key/"


@page("accounts, password reset done")
def password_reset_key_done():
    return "/accounts/password/reset/key/done/"


@page("accounts, confirmation e-mail sent")
def verification_sent():
    return "/accounts/confirm-email/"


@page("accounts, e-mail confirmation link that is not valid")
def confirm_email_bad_key():
    return "/accounts/confirm-email/not-a-key/"


@page("accounts, inactive account")
def inactive():
    return "/accounts/inactive/"


@page("accounts, log out (asks to confirm)", reader=True)
def logout():
    return "/accounts/logout/"


@page("accounts, e-mail addresses", reader=True)
def email():
    return "/accounts/email/"


@page("accounts, e-mail addresses to a reader logged out (login)", status=302)
def email_anonymous():
    return "/accounts/email/"


@page("accounts, change password", reader=True)
def change_password():
    return "/accounts/password/change/"


@page("accounts, set password (has one: to change)", status=302, reader=True)
def set_password():
    return "/accounts/password/set/"


@page("accounts, confirm login code without a login under way", status=302)
def confirm_login_code():
    return "/accounts/login/code/confirm/"


@page("accounts, reauthenticate", reader=True)
def reauthenticate():
    return "/accounts/reauthenticate/"


@page("accounts, reauthenticate by code", status=302, reader=True)
def reauthenticate_code():
    return "/accounts/reauthenticate/code/"


@page("accounts, confirm reauthentication code", status=302, reader=True)
def reauthenticate_code_confirm():
    return "/accounts/reauthenticate/code/confirm/"


@page("accounts, profile", reader=True)
def profile():
    return "/accounts/profile/"


@page("accounts, profile to a reader logged out (login)", status=302)
def profile_anonymous():
    return "/accounts/profile/"


@page("accounts, data export (JSON download)", reader=True, unchecked_reason=NOT_HTML)
def export():
    return "/accounts/profile/export/"


@page("accounts, delete the account", reader=True)
def delete():
    return "/accounts/profile/delete/"


@page("accounts, delete asked by an editor (refused)", status=403, staff=True)
def delete_staff():
    return "/accounts/profile/delete/"


@page("accounts, connected accounts", reader=True)
def connections():
    return "/accounts/3rdparty/"


@page("accounts, social login cancelled")
def login_cancelled():
    return "/accounts/3rdparty/login/cancelled/"


# allauth answers a failed or unfinished social login with its error page and 401.
@page("accounts, social login error", status=401)
def login_error():
    return "/accounts/3rdparty/login/error/"


@page("accounts, social signup without a login under way", status=302)
def social_signup():
    return "/accounts/3rdparty/signup/"


@page("accounts, log in with Facebook (asks to continue)")
def facebook_login():
    _app("facebook")
    return "/accounts/facebook/login/"


@page("accounts, Facebook's callback without its answer", status=401)
def facebook_callback():
    _app("facebook")
    return "/accounts/facebook/login/callback/"


@page("accounts, Facebook login by token asked with GET (no token)", status=401)
def facebook_token():
    _app("facebook")
    return "/accounts/facebook/login/token/"


@page("accounts, log in with X (asks to continue)")
def twitter_login():
    _app("twitter_oauth2")
    return "/accounts/twitter_oauth2/login/"


@page("accounts, X's callback without its answer", status=401)
def twitter_callback():
    _app("twitter_oauth2")
    return "/accounts/twitter_oauth2/login/callback/"


@page("accounts, two-factor sign-in", reader=True)
def mfa_index():
    return "/accounts/2fa/"


@page("accounts, two-factor code without a login under way", status=302)
def mfa_authenticate():
    return "/accounts/2fa/authenticate/"


@page("accounts, reauthenticate with two-factor code (none set up: to reauthenticate)", status=302, reader=True)
def mfa_reauthenticate():
    return "/accounts/2fa/reauthenticate/"


@page("accounts, set up an authenticator app", status=302, reader=True)
def mfa_activate_totp():
    # A sensitive change: allauth asks for the password again first (reauthenticate).
    return "/accounts/2fa/totp/activate/"


@page("accounts, turn off the authenticator app", status=302, reader=True)
def mfa_deactivate_totp():
    _reader_with_totp()
    return "/accounts/2fa/totp/deactivate/"


@page("accounts, recovery codes", status=302, reader=True)
def mfa_recovery_codes():
    _reader_with_totp()
    return "/accounts/2fa/recovery-codes/"


@page("accounts, new recovery codes", status=302, reader=True)
def mfa_generate_recovery_codes():
    _reader_with_totp()
    return "/accounts/2fa/recovery-codes/generate/"


@page("accounts, recovery codes download", status=302, reader=True)
def mfa_download_recovery_codes():
    _reader_with_totp()
    return "/accounts/2fa/recovery-codes/download/"
