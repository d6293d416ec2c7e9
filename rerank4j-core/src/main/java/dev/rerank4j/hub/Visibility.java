package dev.rerank4j.hub;

/** Who may see a repository that an upload creates; an existing repository keeps its visibility. */
public enum Visibility {
    /** The hub's default (public, unless the organization makes new repositories private). */
    DEFAULT,
    /** Anyone. */
    PUBLIC,
    /** The owner (and the organization's members) only. */
    PRIVATE
}
