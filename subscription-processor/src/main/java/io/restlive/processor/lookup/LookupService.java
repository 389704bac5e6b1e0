package io.restlive.processor.lookup;

import io.restlive.processor.entities.Pks;
import io.restlive.processor.entities.StoredEntity;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.state.HostInfo;
import tools.jackson.databind.JsonNode;

/**
 * Finds an entity for an edge resolving a retrieve subscription: in this instance's stores first, then
 * on the instance Kafka Streams says holds it, then on every other instance.
 *
 * <p>Asking everyone after the key's owner also finds entities whose producer keyed them with another
 * partitioner than Java's (librdkafka's default, for instance), which the owner metadata cannot predict.
 */
public final class LookupService {

    private final EntityStoreAccess stores;
    private final RemoteLookup remote;

    /**
     * @param stores the local stores and the cluster's metadata
     * @param remote how other instances are asked
     */
    public LookupService(EntityStoreAccess stores, RemoteLookup remote) {
        this.stores = stores;
        this.remote = remote;
    }

    /**
     * Looks an entity up.
     *
     * @param query what to find
     * @param localOnly true when another instance forwarded the request: answer from local stores only
     */
    public LookupResult lookup(LookupQuery query, boolean localOnly) {
        if (!stores.ready()) {
            return new LookupResult.NotReady();
        }
        try {
            return lookupReady(query, localOnly);
        } catch (StoresNotReadyException e) {
            return new LookupResult.NotReady();
        }
    }

    private LookupResult lookupReady(LookupQuery query, boolean localOnly) {
        Set<HostInfo> hosts = new LinkedHashSet<>();
        Optional<StoredEntity> local;
        if (query.byPk()) {
            local = Optional.empty();
            for (JsonNode pk : Pks.lenientCandidates(query.value())) {
                String key = Pks.entityKey(query.model(), pk);
                local = stores.get(key).filter(e -> !e.isTombstone());
                if (local.isPresent()) {
                    break;
                }
                stores.remoteActiveHost(key).ifPresent(hosts::add);
            }
        } else {
            local = stores.findFirst(query.model(),
                    e -> FieldMatch.matches(e.instance().get(query.field()), query.value()));
        }
        if (local.isPresent()) {
            return new LookupResult.Found(local.get().pk(), local.get().instance(), local.get().digest());
        }
        if (localOnly) {
            return new LookupResult.NotFound();
        }
        hosts.addAll(stores.otherHosts());
        return askOthers(hosts, query);
    }

    private LookupResult askOthers(Set<HostInfo> hosts, LookupQuery query) {
        LookupResult.Unavailable unavailable = null;
        for (HostInfo host : hosts) {
            LookupResult answer = remote.ask(host, query);
            if (answer instanceof LookupResult.Found) {
                return answer;
            }
            if (!(answer instanceof LookupResult.NotFound)) {
                unavailable = new LookupResult.Unavailable("instance " + host.host() + ":" + host.port()
                        + " could not answer" + (answer instanceof LookupResult.Unavailable u ? ": " + u.reason() : ""));
            }
        }
        return unavailable == null ? new LookupResult.NotFound() : unavailable;
    }
}
