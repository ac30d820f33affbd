"""Starter text for the site's pages; editors rewrite them in the admin (Site pages › Pages)."""

from django.db import migrations

STARTER_PAGES = [
    (
        "about",
        "About us",
        """<p>Newsroom Daily is an English-language daily from Seoul. We report on Korea's politics, business,
economy, society and culture for readers at home and abroad, many of whom read English as a second
language.</p>
<h2>What we do</h2>
<ul>
<li>We publish the day's news and keep every story in an archive that anyone can browse by section and
by date.</li>
<li>Every story comes with a print view and a dictionary view that explains harder English words.</li>
<li>Readers may comment on stories under our <a href="/standards/">Standards Board Policy</a>.</li>
</ul>
<h2>Corrections</h2>
<p>When we get something wrong we correct it in the story and say so. To point out an error, write to
the desk (see <a href="/contact/">Contact</a>).</p>""",
    ),
    (
        "contact",
        "Contact",
        """<p>We read everything readers send us, although we cannot answer every message.</p>
<h2>News desk</h2>
<p>Story tips, corrections and questions about a story: write to the news desk at
<a href="mailto:desk@newsroom.example">desk@newsroom.example</a>. Please give the headline and the date of
the story you are writing about.</p>
<h2>Comments and your account</h2>
<p>Questions about a comment that was hidden, or about your account and your data:
<a href="mailto:readers@newsroom.example">readers@newsroom.example</a>. You can download your data and
delete your account yourself from the “Your account” page.</p>""",
    ),
    (
        "standards",
        "Standards Board Policy on comments",
        """<p>Comments are for discussing the story they are under. Our Standards Board sets these rules, and
editors apply them to every comment.</p>
<h2>The rules</h2>
<ul>
<li>Stay on the subject of the story.</li>
<li>No insults, threats, harassment or hate speech against any person or group.</li>
<li>No advertising, spam, or links posted to promote something.</li>
<li>No one's private information: addresses, phone numbers, identity numbers or private messages.</li>
<li>Nothing unlawful, such as defamation or copyright infringement.</li>
<li>Comment as yourself: do not pretend to be another person or a member of our staff.</li>
</ul>
<h2>How comments work</h2>
<ul>
<li>You need an account to comment. Your comment shows your display name, never your email address.</li>
<li>A comment is at most 250 characters; a Korean syllable and an emoji each count as one character.</li>
<li>Comments appear at once. Readers can report a comment; editors review reported comments and hide
those that break the rules. When the newsroom turns on pre-moderation, an editor approves each comment
before it appears.</li>
<li>Editors may bar a reader who breaks the rules repeatedly from commenting.</li>
<li>You can delete your own comments at any time. Nobody can edit a comment, yours or anyone else's.</li>
</ul>
<p>Comments are the views of their authors, not of the newspaper.</p>""",
    ),
    (
        "terms",
        "Terms of use",
        """<p>By using this site you agree to these terms.</p>
<h2>Our content</h2>
<p>Stories, photos and other material on this site belong to Newsroom Daily or to the agencies
credited. You may read, print and share links to them for personal use; republishing them needs our
written permission.</p>
<h2>Your account and your comments</h2>
<ul>
<li>You are responsible for what you post and for keeping your password safe.</li>
<li>You keep the rights to your comments, and you allow us to publish them on this site for as long as
you do not delete them.</li>
<li>Comments must follow the <a href="/standards/">Standards Board Policy</a>. We may hide comments that
do not, and bar accounts that repeatedly break it.</li>
</ul>
<h2>Changes</h2>
<p>We may change these terms; the date at the foot of this page shows when they last changed.</p>""",
    ),
    (
        "privacy",
        "Privacy",
        """<p>This page explains what we collect about readers and what we do with it.</p>
<h2>Reading</h2>
<p>You can read the whole site without an account. We use no advertising or tracking cookies, and the
pages load nothing from other websites.</p>
<h2>Your account</h2>
<p>If you create an account we keep your email address, your password (stored only as a secure hash),
your display name, and, if you log in with X or Facebook, the public profile those services send us.
We use your email address only to let you log in and to reset your password. It is never shown to
other readers.</p>
<h2>Your comments</h2>
<p>Your comments are shown with your display name. To limit how fast anyone can post, we keep the
times of your most recent comments for a short while; they are cleared as new comments arrive.</p>
<h2>Your rights</h2>
<ul>
<li>Download your data: “Your account” › “Download your data” gives you everything we hold about you as
a JSON file.</li>
<li>Delete your account: your account, email addresses, connected accounts, reports and comments are
deleted. Comments that editors had hidden for breaking the
<a href="/standards/">Standards Board Policy</a> are kept without your name, as the record of that
decision; readers never see them.</li>
</ul>
<p>Questions: see <a href="/contact/">Contact</a>.</p>""",
    ),
]


def create_pages(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    for slug, title, body in STARTER_PAGES:
        # An editor's own page with the same address is left as it is.
        Page.objects.get_or_create(slug=slug, defaults={"title": title, "body": body.replace("\n", " ")})


def remove_untouched_pages(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    for slug, title, body in STARTER_PAGES:
        Page.objects.filter(slug=slug, title=title, body=body.replace("\n", " ")).delete()


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_site_pages")]

    operations = [migrations.RunPython(create_pages, remove_untouched_pages)]
