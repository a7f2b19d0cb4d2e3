package dev.platen.jobs;

/** A committed status change of one render, as seen by a {@link TransitionListener}. */
public record Transition(String renderId, String projectId, RenderStatus to, long at) {}
