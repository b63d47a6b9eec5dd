"""The channel-neutral conversation core: message types, router, features, i18n."""
