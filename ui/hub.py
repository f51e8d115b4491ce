"""The one QObject that turns service results into change signals for every view."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from crm.changes import Changes


class Hub(QObject):
    """Re-emits what a service call changed; pages never call each other.

    `changed` carries the whole record: views take it through `ui.refresh.RefreshWhenShown`,
    which holds it while they are hidden and asks them whether it concerns them. The
    signals per kind below are left for the contact detail, until it takes `changed` too.
    `everything` (a restore, an import) asks every view to reload.
    """

    changed = Signal(object)  # the Changes record of one action

    contactsChanged = Signal(list)  # contact ids
    companiesChanged = Signal()
    stagesChanged = Signal()
    tagsChanged = Signal()
    everythingChanged = Signal()
    openContactRequested = Signal(int)  # any page may ask to show a contact's detail

    def apply(self, changes: Changes) -> None:
        if not changes:
            return
        self.changed.emit(changes)
        if changes.everything:
            self.everythingChanged.emit()
            return
        if changes.contacts:
            self.contactsChanged.emit(sorted(changes.contacts))
        if changes.companies:
            self.companiesChanged.emit()
        if changes.stages:
            self.stagesChanged.emit()
        if changes.tags:
            self.tagsChanged.emit()
