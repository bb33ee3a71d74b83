"""Put a service's validation messages next to the form fields they concern (translated)."""

from caseflow.errors import CaseflowError
from caseflow.i18n import translate


def show_errors(form, error: CaseflowError) -> None:
    """Attach each field's messages to that field; the rest become form-level errors."""
    placed = False
    for name, messages in (error.errors or {}).items():
        field = getattr(form, name, None)
        if field is not None and hasattr(field, "errors"):
            field.errors = [*_as_list(field.errors), *(translate(str(m)) for m in messages)]
            placed = True
    if not placed:
        form.form_errors.append(translate(error.detail))


def _as_list(errors) -> list:
    """Field errors as a list (WTForms keeps a tuple until validation ran)."""
    return list(errors or [])
