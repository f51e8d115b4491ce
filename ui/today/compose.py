"""The compose window: a message filled from a template, editable, then "Open in mail app"
(a mailto: link) or "Copy"; either logs "Email sent: <subject>" and sets the follow-up."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm.contacts.service import get_contact
from crm.errors import NotFoundError
from crm.store.localtime import local_zone
from crm.today.mailto import mailto_url
from crm.today.preferences import MY_NAME_KEY
from crm.today.templates import (
    OUTREACH_WORD_LIMIT,
    MessageTemplateRow,
    contact_fields,
    count_words,
    list_templates,
    render,
    too_long,
)
from ui.common.dialogs import Dialog
from ui.common.undo import push
from ui.context import AppContext
from ui.today.commands import MessageSentCommand, SettingCommand


class ComposeDialog(Dialog):
    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None,
        contact_id: int,
        kind: str,
        today: date,
    ) -> None:
        contact = get_contact(ctx.db, contact_id)
        super().__init__("composeDialog", f"Write to {contact.name}", parent)
        self.ctx, self.contact_id, self.today = ctx, contact_id, today
        self.contact_name = contact.name
        self.setMinimumSize(560, 460)
        self.fields, self.email = contact_fields(ctx.db, contact_id, local_zone())
        self.templates: list[MessageTemplateRow] = list_templates(ctx.db)
        self.template_box = QComboBox()
        for template in self.templates:
            self.template_box.addItem(template.name)
        self.to_label = QLabel(self.email or "No email address: Copy the text instead")
        self.my_name = QLineEdit(self.fields["my_name"])
        self.my_name.setPlaceholderText("The name you sign with")
        self.my_name.setAccessibleName("Your name")
        self.my_name.editingFinished.connect(self._sign_as)
        self.subject = QLineEdit()
        self.subject.setAccessibleName("Subject")
        self.body = QPlainTextEdit()
        self.body.setAccessibleName("Message")
        self.counter = QLabel()
        self.counter.setObjectName("wordCounter")
        self.body.textChanged.connect(self._count)
        self.open_button = QPushButton("Open in mail app")
        self.open_button.setEnabled(bool(self.email))
        self.open_button.clicked.connect(self.open_in_mail_app)
        self.copy_button = QPushButton("Copy")
        self.copy_button.clicked.connect(self.copy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("To", self.to_label)
        form.addRow("Template", self.template_box)
        form.addRow("Your name", self.my_name)
        form.addRow("Subject", self.subject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.counter)
        layout.addWidget(buttons)
        self.template_box.currentIndexChanged.connect(self._fill)
        kinds = [t.kind for t in self.templates]
        self.template_box.setCurrentIndex(kinds.index(kind) if kind in kinds else 0)
        self._fill()

    @property
    def kind(self) -> str | None:
        index = self.template_box.currentIndex()
        return self.templates[index].kind if 0 <= index < len(self.templates) else None

    @Slot()
    def _fill(self) -> None:
        index = self.template_box.currentIndex()
        if not 0 <= index < len(self.templates):
            return
        try:
            subject, body = render(self.templates[index], self.fields)
        except ValueError as exc:
            subject, body = "", str(exc)
        self.subject.setText(subject)
        self.body.setPlainText(body)
        self.body.document().setModified(False)

    @Slot()
    def _sign_as(self) -> None:
        name = " ".join(self.my_name.text().split())
        if name == self.fields["my_name"]:
            return
        command = SettingCommand(
            self.ctx.db, self.ctx.hub, MY_NAME_KEY, name, "Set the name messages are signed with"
        )
        push(self.ctx, command)
        self.fields = {**self.fields, "my_name": name}
        if not self.body.document().isModified():  # the user's own edits are kept
            self._fill()

    @Slot()
    def _count(self) -> None:
        text = self.body.toPlainText()
        words = count_words(text)
        if too_long(self.kind or "", text):
            self.counter.setText(
                f"{words} words — outreach notes under {OUTREACH_WORD_LIMIT} words get answers"
            )
            self.counter.setStyleSheet("color: #dc2626; font-weight: bold;")
        else:
            self.counter.setText(f"{words} words")
            self.counter.setStyleSheet("")

    def mailto(self) -> str:
        return mailto_url(self.email, self.subject.text(), self.body.toPlainText())

    @Slot()
    def open_in_mail_app(self) -> None:
        QDesktopServices.openUrl(QUrl.fromEncoded(self.mailto().encode("ascii")))
        self._log_and_close()

    @Slot()
    def copy(self) -> None:
        text = f"Subject: {self.subject.text()}\n\n{self.body.toPlainText()}"
        QGuiApplication.clipboard().setText(text)
        self._log_and_close()

    def _log_and_close(self) -> None:
        command = MessageSentCommand(
            self.ctx.db,
            self.ctx.hub,
            self.contact_id,
            self.kind,
            self.subject.text(),
            self.body.toPlainText(),
            self.today,
        )
        if not push(self.ctx, command, self.counter.setText):
            return
        self.accept()


def open_compose(
    ctx: AppContext, parent: QWidget | None, contact_id: int, kind: str, *, today: date
) -> ComposeDialog | None:
    try:
        dialog = ComposeDialog(ctx, parent, contact_id, kind, today)
    except NotFoundError:
        return None
    dialog.show()
    return dialog
