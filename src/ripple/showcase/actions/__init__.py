"""Every write of show-and-tell. Keyword-only, atomic, permission-checked.

One module per topic; everything is importable from `ripple.showcase.actions`.
"""

from ripple.showcase.actions.attending import (
    always_attend_set,
    attendance_mark,
    check_in,
    rsvp_clear,
    rsvp_set,
)
from ripple.showcase.actions.feeds import calendar_feed_reset, calendar_feed_revoke, calendar_feed_used
from ripple.showcase.actions.invitations import invitation_accept, invitation_decline, invitation_send
from ripple.showcase.actions.reminders import send_due as reminders_send_due
from ripple.showcase.actions.series import (
    SeriesInput,
    extend_all,
    series_archive,
    series_create,
    series_set_community,
    series_update,
    sync_occurrences,
)
from ripple.showcase.actions.sessions import (
    occurrence_add,
    occurrence_cancel,
    occurrence_move,
    occurrence_notes,
    occurrence_restore,
)
from ripple.showcase.actions.slots import (
    applause_toggle,
    capacity_set,
    slot_cancel,
    slot_sign_up,
    slot_step,
    slots_reorder,
)

__all__ = [
    "SeriesInput",
    "series_create",
    "series_update",
    "series_archive",
    "series_set_community",
    "sync_occurrences",
    "extend_all",
    "occurrence_add",
    "occurrence_move",
    "occurrence_cancel",
    "occurrence_restore",
    "occurrence_notes",
    "slot_sign_up",
    "slot_cancel",
    "slots_reorder",
    "slot_step",
    "capacity_set",
    "applause_toggle",
    "rsvp_set",
    "rsvp_clear",
    "always_attend_set",
    "check_in",
    "attendance_mark",
    "invitation_send",
    "invitation_accept",
    "invitation_decline",
    "calendar_feed_reset",
    "calendar_feed_revoke",
    "calendar_feed_used",
    "reminders_send_due",
]
