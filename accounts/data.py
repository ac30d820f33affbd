"""A reader's data: everything the site holds about them, and how their account is closed."""

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.db import transaction

from comments.models import Comment, CommentingBan, CommentReport, PostingRecord
from learning.models import SavedWord

from .models import Profile


def _iso(value):
    return value.isoformat() if value else None


def export(user, request):
    """All the reader's data as one JSON-ready dict."""
    profile = Profile.objects.filter(user=user).first()
    ban = CommentingBan.objects.filter(user=user).first()
    comments = Comment.objects.filter(author=user).select_related("article").order_by("id")
    return {
        "account": {
            "username": user.username,
            "email": user.email,
            "display_name": profile.display_name if profile else None,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("id")
        ],
        "connected_accounts": [
            {"provider": account.provider, "uid": account.uid, "data": account.extra_data}
            for account in SocialAccount.objects.filter(user=user).order_by("id")
        ],
        "comments": [
            {
                "id": comment.pk,
                "story": comment.article.headline if comment.article.is_public else None,
                "url": request.build_absolute_uri(comment.get_absolute_url()) if comment.article.is_public else None,
                "body": comment.body,
                "status": comment.status,
                "created_at": _iso(comment.created_at),
            }
            for comment in comments
        ],
        "reports": [
            {"comment_id": report.comment_id, "reason": report.reason, "created_at": _iso(report.created_at)}
            for report in CommentReport.objects.filter(reporter=user).order_by("id")
        ],
        "recent_post_times": [
            _iso(when)
            for when in PostingRecord.objects.filter(user=user)
            .order_by("created_at")
            .values_list("created_at", flat=True)
        ],
        "barred_from_commenting": bool(ban),
        "saved_words": [
            {
                "word": word.lemma,
                "as_written": word.form,
                "sentence": word.shown_sentence,
                "story": request.build_absolute_uri(word.article.get_absolute_url()) if word.story_is_public else None,
                "saved_at": _iso(word.created_at),
                "due": _iso(word.due),
                "reviews": word.reviews,
            }
            for word in SavedWord.objects.filter(user=user).select_related("article").order_by("id")
        ],
    }


@transaction.atomic
def delete_account(user):
    """Close the account: what the reader wrote goes with it, except the editors' record.

    Their published and waiting comments are deleted, with their reports, profile, email addresses
    and connected accounts. Comments an editor hid are moderation decisions, so they are kept for
    the record with no author (readers never see hidden comments).
    Returns the number of comments deleted.
    """
    deleted, _ = Comment.objects.filter(author=user).exclude(status=Comment.Status.HIDDEN).delete()
    Comment.objects.filter(author=user).update(author=None)
    user.delete()
    return deleted
