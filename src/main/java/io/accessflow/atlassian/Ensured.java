package io.accessflow.atlassian;

/** The entity an idempotent operation made sure of, and whether it had to create it. */
public record Ensured<T>(T value, Change change) {}
