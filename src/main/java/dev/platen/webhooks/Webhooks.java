package dev.platen.webhooks;

/** What the HTTP layer needs of webhooks: the subscriptions and their log, the target rules, and pings. */
public record Webhooks(WebhookStore store, TargetPolicy targets, Dispatcher dispatcher) {}
