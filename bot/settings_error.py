"""The one error a wrong setting raises: on its own floor, so that each channel's settings
module (bot.channels.<name>.settings), which bot.settings imports, can raise it too."""


class SettingsError(Exception):
    """A setting is wrong; the message names the key."""
