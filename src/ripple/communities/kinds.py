"""The notification kinds communities add (registered in CommunitiesConfig.ready)."""

from ripple.core.registry import NotificationKind


class Notice:
    REQUESTED = NotificationKind("community_request", "Requests to join a community you lead")
    APPROVED = NotificationKind("community_approved", "Your request to join a community was approved")
    INVITED = NotificationKind("community_invited", "Invitations to join a community")
    ENDORSED = NotificationKind("community_endorsed", "A community you lead was endorsed")
