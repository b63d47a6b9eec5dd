"""The one error a wrong setting raises: on its own floor, so that each channel's settings
module (bot.channels.<name>.settings), which bot.settings imports, can raise it too.

Its message is a Vietnamese template, a msgid of the Babel catalog, kept apart from the key
and the value: str() gives the Vietnamese text without loading a catalog (settings are read
at every start, before any locale, and must not import Babel), and the CLI translates it
with render(_) once a locale is set.
"""

from __future__ import annotations

from collections.abc import Callable


def N_(message: str) -> str:
    """Mark a message for the Babel catalog; SettingsError.render translates it."""
    return message


# The checks most settings share, one wording each.
RANGE = N_("phải từ {low} đến {high}, nhưng đang là {value}")
AT_LEAST = N_("phải từ {low} trở lên, nhưng đang là {value}")
ABOVE_0 = N_("phải lớn hơn 0, nhưng đang là {value}")
ABOVE_0_AT_MOST = N_("phải lớn hơn 0 và không quá {high}, nhưng đang là {value}")
NOT_NEGATIVE = N_("không được âm, nhưng đang là {value}")
ONE_OF = N_("phải là một trong các giá trị {allowed}, nhưng đang là {value}")
HTTP_URL = N_("phải là một địa chỉ bắt đầu bằng http:// hoặc https://, nhưng đang là {value}")
INSTANT = N_("phải là một thời điểm dạng 2020-10-01T07:30, nhưng đang là {value}")


class Term(str):
    """A word of the catalog given as a parameter (the kind of a value): translated too."""

    __slots__ = ()


class SettingsError(Exception):
    """A setting is wrong: `key` names it as the operator wrote it (web.port in the file,
    HOCTAP_WEB_PORT in the environment), `template` says what to write instead."""

    def __init__(self, key: str, template: str | None = None, /, **params: object) -> None:
        # One argument (no template): a message already written out, key included.
        self.key = key if template is not None else ""
        self.template = template if template is not None else key
        self.params = params
        super().__init__(self.render())

    def render(self, translate: Callable[[str], str] = lambda s: s) -> str:
        """'key: message', the message (and its Term parameters) translated by `translate`."""
        params = {k: translate(v) if isinstance(v, Term) else v for k, v in self.params.items()}
        text = translate(self.template).format(**params) if params else translate(self.template)
        return f"{self.key}: {text}" if self.key else text
