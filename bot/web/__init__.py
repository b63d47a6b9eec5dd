"""Web pages served by `hoctap-bot run` beside the webhooks: the organizers' console."""
