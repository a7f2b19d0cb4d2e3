package dev.platen.auth;

/** Who is calling: the project a valid key belongs to, and whether it is a test key (watermarked renders). */
public record Principal(String projectId, String keyId, boolean testKey) {}
