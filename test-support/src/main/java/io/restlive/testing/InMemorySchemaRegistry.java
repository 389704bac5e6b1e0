package io.restlive.testing;

import io.apicurio.registry.resolver.client.RegistryArtifactReference;
import io.apicurio.registry.resolver.client.RegistryClientFacade;
import io.apicurio.registry.resolver.client.RegistryVersionCoordinates;
import io.apicurio.registry.resolver.strategy.ArtifactReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A schema registry in memory, behind Apicurio's client facade: no registry server can run on the test
 * machines, so the serdes talk to this one. Apicurio's own resolver, serializer and deserializer run
 * unchanged on top of it; only the HTTP calls are replaced. Schemas with the same text share a content id,
 * as in a real registry, and every registration gets a new global id.
 */
public final class InMemorySchemaRegistry implements RegistryClientFacade {

    private record Version(long globalId, long contentId, String groupId, String artifactId, String version) {
    }

    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Long> contentIds = new ConcurrentHashMap<>();
    private final Map<Long, String> contents = new ConcurrentHashMap<>();
    private final Map<Long, List<RegistryArtifactReference>> references = new ConcurrentHashMap<>();
    private final List<Version> versions = new ArrayList<>();

    @Override
    public synchronized RegistryVersionCoordinates createSchema(String artifactType, String groupId, String artifactId,
            String version, String autoCreateBehavior, boolean canonical, String schemaString,
            Set<RegistryArtifactReference> references) {
        long contentId = contentIds.computeIfAbsent(schemaString, text -> {
            long id = ids.incrementAndGet();
            contents.put(id, text);
            return id;
        });
        this.references.put(contentId, references == null ? List.of() : List.copyOf(references));
        for (Version existing : versions) {
            if (existing.contentId() == contentId && existing.artifactId().equals(artifactId)) {
                return coordinates(existing);
            }
        }
        long artifactVersions = versions.stream().filter(v -> v.artifactId().equals(artifactId)).count();
        Version created = new Version(ids.incrementAndGet(), contentId, groupId, artifactId,
                version != null ? version : String.valueOf(artifactVersions + 1));
        versions.add(created);
        return coordinates(created);
    }

    /** How many distinct schemas were registered (Apicurio registers nested named types as references). */
    public int schemaCount() {
        return contents.size();
    }

    @Override
    public String getSchemaByContentId(Long contentId) {
        return require(contents.get(contentId), "content id " + contentId);
    }

    @Override
    public synchronized String getSchemaByGlobalId(long globalId, boolean dereferenced) {
        return versions.stream().filter(v -> v.globalId() == globalId).findFirst()
                .map(v -> contents.get(v.contentId())).orElseThrow(() -> notFound("global id " + globalId));
    }

    @Override
    public synchronized String getSchemaByGAV(String groupId, String artifactId, String version) {
        return contents.get(byGav(artifactId, version).contentId());
    }

    @Override
    public String getSchemaByContentHash(String contentHash) {
        throw new UnsupportedOperationException("content hashes are not used by rest-live's serdes");
    }

    @Override
    public List<RegistryArtifactReference> getReferencesByContentId(long contentId) {
        return references.getOrDefault(contentId, List.of());
    }

    @Override
    public synchronized List<RegistryArtifactReference> getReferencesByGlobalId(long globalId) {
        return versions.stream().filter(v -> v.globalId() == globalId).findFirst()
                .map(v -> getReferencesByContentId(v.contentId())).orElseThrow(() -> notFound("global id " + globalId));
    }

    @Override
    public synchronized List<RegistryArtifactReference> getReferencesByGAV(String groupId, String artifactId, String version) {
        return getReferencesByContentId(byGav(artifactId, version).contentId());
    }

    @Override
    public List<RegistryArtifactReference> getReferencesByContentHash(String contentHash) {
        return List.of();
    }

    @Override
    public synchronized List<RegistryVersionCoordinates> searchVersionsByContent(String schemaString, String artifactType,
            ArtifactReference reference, boolean canonical) {
        Long contentId = contentIds.get(schemaString);
        return versions.stream().filter(v -> contentId != null && v.contentId() == contentId)
                .map(InMemorySchemaRegistry::coordinates).toList();
    }

    @Override
    public synchronized RegistryVersionCoordinates getVersionCoordinatesByGAV(String groupId, String artifactId, String version) {
        return coordinates(byGav(artifactId, version));
    }

    @Override
    public Object getClient() {
        return this;
    }

    private Version byGav(String artifactId, String version) {
        Version found = null;
        for (Version candidate : versions) {
            if (candidate.artifactId().equals(artifactId) && (version == null || "latest".equals(version)
                    || candidate.version().equals(version))) {
                found = candidate;
            }
        }
        return require(found, "artifact " + artifactId + " version " + version);
    }

    private static RegistryVersionCoordinates coordinates(Version version) {
        return RegistryVersionCoordinates.create(version.globalId(), version.contentId(), version.groupId(),
                version.artifactId(), version.version());
    }

    private static <T> T require(T value, String what) {
        if (value == null) {
            throw notFound(what);
        }
        return value;
    }

    private static IllegalArgumentException notFound(String what) {
        return new IllegalArgumentException("no schema with " + what + " in the in-memory registry");
    }
}
