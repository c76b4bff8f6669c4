from django.urls import path

from ripple.cohorts import views

app_name = "cohorts"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("<int:cohort_id>/", views.detail, name="detail"),
    path("<int:cohort_id>/edit/", views.edit, name="edit"),
    path("<int:cohort_id>/join/", views.join, name="join"),
    path("<int:cohort_id>/leave/", views.leave, name="leave"),
    path("<int:cohort_id>/people/", views.people, name="people"),
    path("<int:cohort_id>/invite/", views.invite, name="invite"),
    path("<int:cohort_id>/people/<int:person_id>/answer/", views.answer, name="answer"),
    path("<int:cohort_id>/checkin/<int:week>/", views.checkin, name="checkin"),
    path("<int:cohort_id>/board/", views.board, name="board"),
    path("<int:cohort_id>/nudge/<int:person_id>/", views.nudge, name="nudge"),
    path("<int:cohort_id>/checkins/", views.checkins, name="checkins"),
    path("<int:cohort_id>/checkins/<int:checkin_id>/quote/", views.quote, name="quote"),
    path("<int:cohort_id>/start/", views.start, name="start"),
    path("<int:cohort_id>/partners/", views.partners, name="partners"),
    path("<int:cohort_id>/messages/", views.message_list, name="messages"),
    path("<int:cohort_id>/messages/<int:message_id>/", views.message_edit, name="message_edit"),
    path("<int:cohort_id>/report/", views.report, name="report"),
    path("<int:cohort_id>/report.csv", views.report_csv, name="report_csv"),
]
