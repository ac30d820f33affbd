"""The editors' pages: every admin page of every registered model, and the admin's own pages.

The model pages are made from the admin's registry, so a model registered later gets its list, add,
change, history and delete pages checked without a word here; it only needs a maker of one object,
registered with `@admin_object(Model)` in the feature's own module of this package.
"""

import itertools

from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from django.urls import reverse

from articles.models import Article, Person, Section
from tests.factories import ArticleFactory, PersonFactory, PhotoFactory, SectionFactory
from tests.page_shapes import ADMIN_OBJECTS, Shape, add, admin_object, page

_numbers = itertools.count(1)


@admin_object(Article)
def _article():
    story = ArticleFactory(authors=[PersonFactory(), PersonFactory()])
    PhotoFactory(article=story)
    PhotoFactory(article=story, image="", caption="A photo whose file is lost.")
    return story


@admin_object(Section)
def _section():
    return SectionFactory(parent=SectionFactory())


@admin_object(Person)
def _person():
    return PersonFactory(bio="A reporter.")


@admin_object(User)
def _user():
    return User.objects.create_user(f"reader-{next(_numbers)}", password="pw")


@admin_object(Group)
def _group():
    return Group.objects.create(name=f"Desk {next(_numbers)}")


def _one(model):
    make = ADMIN_OBJECTS.get(model)
    if make is None:
        raise LookupError(
            f"{model._meta.label} is registered in the admin but no test makes one: add a maker with "
            f"@admin_object({model.__name__}) to a module of tests/page_shapes/."
        )
    return make()


def _status(model_admin, view):
    """403 where the model's admin refuses a superuser this page (comments cannot be added, the
    dictionary's words are loaded, not written), else 200."""
    request = RequestFactory().get("/admin/")
    request.user = User(is_active=True, is_staff=True, is_superuser=True)
    if view == "add":
        return 200 if model_admin.has_add_permission(request) else 403
    if view == "delete":
        return 200 if model_admin.has_delete_permission(request) else 403
    return 200


def register_admin_shapes():
    """A shape for each page of each model in the admin, made from its registry."""
    app_labels = sorted({model._meta.app_label for model in admin.site._registry})
    for label in app_labels:
        add(Shape(f"admin: {label} app", lambda label=label: reverse("admin:app_list", args=[label]), staff=True))
    for model, model_admin in sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label):
        opts = model._meta
        base = f"admin:{opts.app_label}_{opts.model_name}"

        def with_object(view, model=model, base=base):
            return lambda: reverse(f"{base}_{view}", args=[_one(model).pk])

        def listing(model=model, base=base):
            _one(model)
            return reverse(f"{base}_changelist")

        add(Shape(f"admin: {opts.label} list", listing, staff=True))
        if not opts.managed:
            continue  # no rows, so no object pages: a list read from elsewhere (accounts.LoginLock)
        add_url = lambda base=base: reverse(f"{base}_add")  # noqa: E731
        add(Shape(f"admin: {opts.label} add", add_url, _status(model_admin, "add"), staff=True))
        for view in ("change", "history", "delete"):
            add(Shape(f"admin: {opts.label} {view}", with_object(view), _status(model_admin, view), staff=True))


@page("admin: index", staff=True)
def admin_index():
    _article()
    return reverse("admin:index")


@page("admin: stories searched and filtered", staff=True)
def admin_article_search():
    _article()
    return reverse("admin:articles_article_changelist") + "?q=story&status__exact=published"


@page("admin: login")
def admin_login():
    return reverse("admin:login")


@page("admin: logout asked with GET", status=405, staff=True)
def admin_logout():
    return reverse("admin:logout")


@page("admin: password change", staff=True)
def admin_password_change():
    return reverse("admin:password_change")


@page("admin: password changed", staff=True)
def admin_password_change_done():
    return reverse("admin:password_change_done")


@page("admin: a user's password", staff=True)
def admin_user_password():
    return reverse("admin:auth_user_password_change", args=[_user().pk])


@page("admin: translations script", staff=True)
def admin_jsi18n():
    return reverse("admin:jsi18n")


@page("admin: section autocomplete (JSON)", staff=True)
def admin_autocomplete():
    SectionFactory(name="Politics")
    return reverse("admin:autocomplete") + "?app_label=articles&model_name=article&field_name=section&term=pol"


@page("admin: view on site", status=302, staff=True)
def admin_view_on_site():
    story = ArticleFactory()
    return reverse("admin:view_on_site", args=[ContentType.objects.get_for_model(Article).pk, story.pk])
