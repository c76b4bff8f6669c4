"""Form controls people expect, shared by every app.

`Picker`: search as you type. The page shows the values already chosen (as removable chips) and a text
box with `role="combobox"`; `core/static/ripple/picker.js` asks `source` (a URL name answering JSON
`{"items": [{"value", "label", "hint"}]}` for `?q=`) and offers a listbox of matches, operable with
the arrow keys, Enter and Escape. One widget serves the people pickers (kudos recipients), the library
prompt picker and the time-zone field; the app passes its own endpoint, so core names none.

    to = forms.ModelMultipleChoiceField(queryset=..., widget=Picker(source="people:pick"))
    time_zone = forms.ChoiceField(choices=..., widget=Picker(source="core:time_zones", multiple=False,
                                                             free_text=True, from_browser=True))

`multiple=False, free_text=True`: the text box itself is the field (the value is what it shows, so the
form still works without JavaScript); `from_browser=True` fills an untouched default with the browser's
time zone (`Intl.DateTimeFormat().resolvedOptions().timeZone`) and says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django import forms
from django.urls import reverse
from django.utils.datastructures import MultiValueDict

Labels = Callable[[list[str]], Mapping[str, str]]


class Picker(forms.Widget):
    template_name = "core/widgets/picker.html"

    def __init__(
        self,
        *,
        source: str,
        multiple: bool = True,
        free_text: bool = False,
        from_browser: bool = False,
        joined: bool = False,
        placeholder: str = "Type to search…",
        labels: Labels | None = None,
        attrs: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(attrs)
        self.source = source
        self.multiple = multiple
        self.free_text = free_text and not multiple
        self.from_browser = from_browser
        self.joined = joined
        self.placeholder = placeholder
        self.labels = labels
        self.choices: Any = ()

    @property
    def allow_multiple_selected(self) -> bool:  # Django reads this to pass a list
        return self.multiple

    def value_from_datadict(self, data: Any, files: MultiValueDict[str, Any], name: str) -> Any:
        if not self.multiple:
            return data.get(name)
        values = [v for v in (data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]) if v]
        return ",".join(str(v) for v in values) if self.joined else values

    def value_omitted_from_data(self, data: Any, files: MultiValueDict[str, Any], name: str) -> bool:
        return False  # an empty multiple picker means "none", not "left out"

    def format_value(self, value: Any) -> list[str]:  # type: ignore[override]
        if value is None or value == "":
            return []
        if isinstance(value, str):
            items: Iterable[Any] = value.split(",") if self.multiple else [value]
        elif isinstance(value, Iterable):
            items = value
        else:
            items = [value]
        return [str(getattr(v, "pk", v)).strip() for v in items if str(getattr(v, "pk", v)).strip()]

    def _label_map(self, values: list[str]) -> Mapping[str, str]:
        if not values:
            return {}
        if self.labels is not None:
            return self.labels(values)
        queryset = getattr(self.choices, "queryset", None)
        field = getattr(self.choices, "field", None)
        if queryset is not None and field is not None:
            ids = [v for v in values if v.isdigit()]
            return {str(obj.pk): field.label_from_instance(obj) for obj in queryset.filter(pk__in=ids)}
        return {str(k): str(v) for k, v in self.choices if str(k) in values}

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        values = self.format_value(value)
        labels = {} if self.free_text else self._label_map(values)
        extra = dict(widget["attrs"])
        required = bool(extra.pop("required", False))
        widget_id = extra.pop("id", None) or f"id_{name}"
        widget.update(
            {
                "id": widget_id,
                "source": reverse(self.source),
                "multiple": self.multiple,
                "free_text": self.free_text,
                "from_browser": self.from_browser,
                "placeholder": self.placeholder,
                "required": required,
                "extra_attrs": extra,
                "text": values[0] if self.free_text and values else "",
                "chosen": []
                if self.free_text
                else [(v, labels.get(v, f"#{v}")) for v in values if v in labels],
            }
        )
        return context

    def id_for_label(self, id_: str) -> str:
        return id_
