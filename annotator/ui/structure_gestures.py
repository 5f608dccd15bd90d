"""Quote and event gestures, mixed into `Gestures`: Q then S / C; E, a type key, role keys.

Modes (quote, event-type, role) are shown in the banner above the text (`modeChanged`);
the role hint lists only the roles the event's type takes.
"""

from __future__ import annotations


class StructureGestures:
    """Uses `Gestures`' session, view, run, select, message and modeChanged."""

    def make_quote(self) -> None:
        selection = self.view.selection_range()
        if selection is None:
            quote = self.session.quote_of(self.selected) if self.selected else None
            if quote is None:
                self.message.emit("select the quoted text first, then Q")
                return
            self.target_quote = quote.id
        else:
            edit = self.run(self.session.make_quote, *selection, select="added")
            if edit is None:
                return
            quote = self.session.quote_of(self.selected) if self.selected else None
            self.target_quote = quote.id if quote else None
        self.set_mode("quote")

    def link_part(self, part: str) -> None:
        quote = self.session.quote(self.target_quote) if self.target_quote else None
        if quote is None:
            self.set_mode("")
            return
        where = self.view.selection_range()
        if where is None and self.selected is not None and self.selected.id != quote.content.id:
            where = (self.selected.start, self.selected.end)
        if where is None:
            self.message.emit(f"select the {part} (text or a span), then {part[0].upper()}")
            return
        if self.run(self.session.link_quote_part, quote, part, *where) is not None:
            self.select(self.session.quote(quote.id).content)  # type: ignore[union-attr]  # the quote was just changed, so found

    def start_event(self) -> None:
        if self.view.selection_range() is not None:
            self.set_mode("event-type")
        elif self.selected is not None and (event := self.session.event_of(self.selected)) is not None:
            self.target_event = event.id
            self.set_mode("role")
        else:
            self.message.emit("select the trigger word first, then E")

    def event_type(self, event_type: str) -> None:
        selection = self.view.selection_range()
        if selection is None:
            self.set_mode("")
            return
        if self.run(self.session.make_event, *selection, event_type, select="added") is None:
            self.set_mode("")
            return
        event = self.session.event_of(self.selected) if self.selected else None
        self.target_event = event.id if event else None
        self.set_mode("role" if event else "")

    def add_role(self, role: str) -> None:
        event = self.session.event(self.target_event) if self.target_event else None
        if event is None:
            self.set_mode("")
            return
        where = self.view.selection_range()
        if where is None and self.selected is not None and self.selected.id != event.trigger.id:
            where = (self.selected.start, self.selected.end)
        if where is None:
            self.message.emit(f"select the {role} (text or a span), then its key")
            return
        if self.run(self.session.add_argument, event, role, *where) is not None:
            self.select(self.session.event(event.id).trigger)  # type: ignore[union-attr]  # the event was just changed, so found

    def allowed_role_keys(self) -> dict[str, str]:
        """Role keys of the target event's type (all roles when there is none)."""
        event = self.session.event(self.target_event) if self.target_event else None
        spec = self.session.project.scheme.event_types.get(event.event_type) if event else None
        if spec is None:
            return dict(self.role_keys)
        return {k: v for k, v in self.role_keys.items() if v in spec.roles}

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        if mode == "role":
            event = self.session.event(self.target_event) if self.target_event else None
            name = event.event_type if event else "EVENT"
            roles = ", ".join(f"{k} {v}" for k, v in self.allowed_role_keys().items())
            hint = f"{name} ROLES: select text, then {roles} · Esc ends"
        elif mode == "event-type":
            hint = "EVENT TYPE: " + ", ".join(f"{k.upper()} {v}" for k, v in self.event_keys.items()) + " · Esc cancels"
        elif mode == "quote":
            hint = "QUOTE: select the speaker and press S, the cue and press C · Esc ends"
        else:
            hint = ""
        self.modeChanged.emit(hint)
