package io.restlive.processor.snapshot;

import io.restlive.core.internalapi.SnapshotMembers;

/** The answer to a snapshot request. */
public sealed interface SnapshotResult {

    /** The members found. */
    record Members(SnapshotMembers members) implements SnapshotResult {
    }

    /** The spec cannot be evaluated here (an unknown view, a bad spec). */
    record Unusable(String reason) implements SnapshotResult {
    }

    /** This instance, or another that holds part of the view, cannot answer now. */
    record NotReady(String reason) implements SnapshotResult {
    }
}
