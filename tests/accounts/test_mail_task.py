"""Every mail the site sends a reader goes through the send_mail task: where a worker runs the tasks the
request only queues it (a slow or down mail server holds no web worker); where tasks run at once it
is sent in the request, as before, and a failure is told, never a 500."""

import smtplib
import socket
from types import SimpleNamespace

import pytest
from django.core import mail
from django.tasks import default_task_backend
from django.tasks.signals import task_finished
from django.test import override_settings

from newsroom.cluster import tasks
from tests.hardening.test_faults import signup

pytestmark = pytest.mark.django_db

# The dummy backend keeps what is queued and runs nothing, like the cluster's queue before the worker.
DEFERRED_TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
SMTP = "django.core.mail.backends.smtp.EmailBackend"


@pytest.fixture
def reader(django_user_model):
    user = django_user_model.objects.create_user("reader", email="reader@example.com", password="pw")
    user.emailaddress_set.create(email=user.email, primary=True, verified=True)
    return user


@pytest.fixture
def mail_server():
    """A port that listens but is never answered; `connections()` says how many clients knocked."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.setblocking(False)

    def connections():
        count = 0
        while True:
            try:
                listener.accept()[0].close()
            except BlockingIOError:
                return count
            count += 1

    yield SimpleNamespace(port=listener.getsockname()[1], connections=connections)
    listener.close()


def smtp_at(port, timeout=1):
    return {"default": {"BACKEND": SMTP, "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": timeout}}}


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def queued_mail():
    return [result for result in default_task_backend.results if result.task.func is tasks.send_mail.func]


def test_where_a_worker_sends_mail_signup_only_queues_it(client, settings, mail_server):
    """The signup answers without touching the mail server; the queued task, run, delivers the mail."""
    settings.TASKS = DEFERRED_TASKS
    with override_settings(MAILERS=smtp_at(mail_server.port)):
        response = signup(client)
        assert response.status_code == 302
        assert mail_server.connections() == 0
    assert mail.outbox == []
    (result,) = queued_mail()
    (message,) = result.args
    assert message["to"] == ["newreader@example.com"]

    assert tasks.send_mail.call(message) == 1  # what the worker does, here with the test mailer
    (sent,) = mail.outbox
    assert sent.to == ["newreader@example.com"] and sent.subject == message["subject"]
    assert "/accounts/confirm-email/" in sent.body


def test_where_a_worker_sends_mail_a_reset_does_not_wait_for_a_hanging_server(client, settings, reader, mail_server):
    settings.TASKS = DEFERRED_TASKS
    with override_settings(MAILERS=smtp_at(mail_server.port, timeout=5)):
        response = client.post("/accounts/password/reset/", {"email": reader.email})
        assert mail_server.connections() == 0
    assert response.status_code == 302
    (result,) = queued_mail()
    assert result.args[0]["to"] == [reader.email]
    assert "/accounts/password/reset/key/" in result.args[0]["body"]


def test_where_tasks_run_at_once_the_reset_mail_is_sent_through_the_task(client, reader):
    finished = []

    def note(sender, task_result, **kwargs):
        finished.append(task_result)

    task_finished.connect(note)
    try:
        response = client.post("/accounts/password/reset/", {"email": reader.email})
    finally:
        task_finished.disconnect(note)
    assert response.status_code == 302
    assert [(r.task.func, r.status, r.return_value) for r in finished] == [(tasks.send_mail.func, "SUCCESSFUL", 1)]
    (sent,) = mail.outbox
    assert sent.to == [reader.email]
    assert "/accounts/password/reset/key/" in sent.body


def test_the_queued_message_is_the_message_allauth_rendered(client):
    """Subject, sender, body and the HTML alternative survive the trip through the queue's JSON."""
    original = mail.EmailMultiAlternatives(
        "Subject ✓",
        "Plain body",
        "Newsroom <noreply@example.com>",
        ["a@example.com"],
        cc=["c@example.com"],
        bcc=["b@example.com"],
        reply_to=["desk@example.com"],
        headers={"X-Newsroom": "yes"},
        alternatives=[("<p>HTML body</p>", "text/html")],
    )
    data = tasks.message_data(original)
    assert tasks.send_mail.call(data) == 1
    (sent,) = mail.outbox
    assert tasks.message_data(sent) == data
    assert sent.recipients() == ["a@example.com", "c@example.com", "b@example.com"]


def test_mail_with_attachments_is_refused_with_a_clear_error():
    message = mail.EmailMessage("s", "b", "f@example.com", ["t@example.com"])
    message.attach("a.txt", "text", "text/plain")
    with pytest.raises(ValueError, match="attachments"):
        tasks.message_data(message)


def test_a_mail_server_that_is_down_is_tried_again_later_then_given_up(settings):
    """Where a worker runs the tasks, a failed send is queued again after 1, 2 and 4 minutes, then fails."""
    settings.TASKS = DEFERRED_TASKS
    message = tasks.message_data(mail.EmailMessage("s", "b", "f@example.com", ["t@example.com"]))
    with override_settings(MAILERS=smtp_at(closed_port())):
        for attempt in (1, 2, 3):
            assert tasks.send_mail.call(message, attempt) == 0
        with pytest.raises(OSError):
            tasks.send_mail.call(message, 4)
    retries = queued_mail()
    assert [r.args[1] for r in retries] == [2, 3, 4]
    waits = [(r.task.run_after - r.enqueued_at).total_seconds() for r in retries]
    assert [round(wait / 60) for wait in waits] == [1, 2, 4]


def test_where_tasks_run_at_once_a_refusing_server_is_told_not_a_500(client, caplog, monkeypatch):
    """An SMTP error (not only a closed port) fails the task; the reader is told and the failure logged."""

    def refuse(self, messages):
        raise smtplib.SMTPRecipientsRefused({"newreader@example.com": (550, b"no")})

    monkeypatch.setattr(mail.backends.locmem.EmailBackend, "send_messages", refuse)
    response = signup(client)
    assert response.status_code == 302
    assert any("could not send" in str(m) for m in response.wsgi_request._messages)
    assert "Could not send email_confirmation_signup mail" in caplog.text
    assert "SMTPRecipientsRefused" in caplog.text
