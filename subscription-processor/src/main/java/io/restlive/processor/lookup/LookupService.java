package io.restlive.processor.lookup;

import io.restlive.processor.entities.Pks;
import io.restlive.processor.entities.StoredEntity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;
import tools.jackson.databind.JsonNode;

/**
 * Finds an entity for an edge resolving a retrieve subscription.
 *
 * <p>By pk, the entity has one owner: the task of its partition (the processor routes every change there,
 * whatever its producer did), on the instance Kafka Streams names. The owner answers once it is ready: a
 * lookup arriving while it starts, restores, catches up with its backlog or is being moved is held (up to
 * {@code hold}) rather than answered "not found" for an entity whose change has not been applied yet. By
 * another field, every instance scans its own tasks once they are ready.
 */
public final class LookupService {

    private final EntityStoreAccess stores;
    private final RemoteLookup remote;
    private final Duration hold;
    private final Clock clock;

    /**
     * @param stores the local stores and the cluster's metadata
     * @param remote how other instances are asked
     * @param hold how long a lookup waits for the instance that must answer to be ready
     */
    public LookupService(EntityStoreAccess stores, RemoteLookup remote, Duration hold) {
        this(stores, remote, hold, Clock.systemUTC());
    }

    LookupService(EntityStoreAccess stores, RemoteLookup remote, Duration hold, Clock clock) {
        this.stores = stores;
        this.remote = remote;
        this.hold = hold;
        this.clock = clock;
    }

    /**
     * Looks an entity up.
     *
     * @param query what to find
     * @param localOnly true when another instance forwarded the request: answer from local stores only
     */
    public LookupResult lookup(LookupQuery query, boolean localOnly) {
        Instant deadline = clock.instant().plus(hold);
        try {
            return query.byPk() ? byPk(query, localOnly, deadline) : byField(query, localOnly, deadline);
        } catch (StoresNotReadyException e) {
            // The stores moved between the readiness check and the read: a rebalance began.
            return new LookupResult.NotReady(e.getMessage());
        }
    }

    private LookupResult byPk(LookupQuery query, boolean localOnly, Instant deadline) {
        LookupResult missing = new LookupResult.NotFound();
        for (JsonNode pk : Pks.lenientCandidates(query.value())) {
            String key = Pks.entityKey(query.model(), pk);
            LookupResult answer = atOwner(key, query, localOnly, deadline);
            if (answer instanceof LookupResult.Found) {
                return answer;
            }
            if (!(answer instanceof LookupResult.NotFound)) {
                missing = answer;
            }
        }
        return missing;
    }

    private LookupResult atOwner(String key, LookupQuery query, boolean localOnly, Instant deadline) {
        Optional<EntityStoreAccess.Owner> owner = awaitOwner(key, deadline);
        if (owner.isEmpty()) {
            return new LookupResult.NotReady("no instance runs the task of " + key + " (rebalancing)");
        }
        if (owner.get().local()) {
            if (!stores.awaitReady(owner.get().partition(), deadline)) {
                return new LookupResult.NotReady("task " + owner.get().partition() + " is not ready here");
            }
            return live(stores.get(key));
        }
        if (localOnly) {
            // Forwarded here, but the task has moved: the asker tries again.
            return new LookupResult.NotReady("task " + owner.get().partition() + " is no longer here");
        }
        return remote.ask(owner.get().host(), query);
    }

    private Optional<EntityStoreAccess.Owner> awaitOwner(String key, Instant deadline) {
        Optional<EntityStoreAccess.Owner> owner = stores.ownerOf(key);
        while (owner.isEmpty() && Waiting.pause(clock, deadline)) {
            owner = stores.ownerOf(key);
        }
        return owner;
    }

    private LookupResult byField(LookupQuery query, boolean localOnly, Instant deadline) {
        if (!stores.awaitAllReady(deadline)) {
            return new LookupResult.NotReady("this instance's tasks are not ready");
        }
        LookupResult local = live(stores.findFirst(query.model(),
                e -> FieldMatch.matches(e.instance().get(query.field()), query.value())));
        if (local instanceof LookupResult.Found || localOnly) {
            return local;
        }
        LookupResult missing = new LookupResult.NotFound();
        for (HostInfo host : stores.otherHosts()) {
            LookupResult answer = remote.ask(host, query);
            if (answer instanceof LookupResult.Found) {
                return answer;
            }
            if (!(answer instanceof LookupResult.NotFound)) {
                missing = new LookupResult.Unavailable("instance " + host.host() + ":" + host.port()
                        + " could not answer: " + reason(answer));
            }
        }
        return missing;
    }

    private static LookupResult live(Optional<StoredEntity> entry) {
        return entry.filter(e -> !e.isTombstone())
                .<LookupResult>map(e -> new LookupResult.Found(e.pk(), e.instance(), e.seq()))
                .orElseGet(LookupResult.NotFound::new);
    }

    private static String reason(LookupResult answer) {
        if (answer instanceof LookupResult.NotReady notReady) {
            return notReady.reason();
        }
        return answer instanceof LookupResult.Unavailable unavailable ? unavailable.reason() : answer.toString();
    }
}
