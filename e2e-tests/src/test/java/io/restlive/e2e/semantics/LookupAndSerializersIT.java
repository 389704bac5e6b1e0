package io.restlive.e2e.semantics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restlive.e2e.support.Changes;
import io.restlive.e2e.support.ProcessorEndpoints;
import io.restlive.e2e.support.StackExtension;
import io.restlive.e2e.support.WsClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A non-pk lookup field, camelCase naming, computed fields and the per-user serializer choice, end to
 * end with clients on two edges.
 */
class LookupAndSerializersIT {

    @RegisterExtension
    static final StackExtension STACK = StackExtension.withEdges(2,
            builder -> builder.viewsFile(Path.of("src/test/resources/serializers-views.yaml").toAbsolutePath()));

    private static final String ARTICLE = "blog.Article";
    private static final String PROFILE = "people.Profile";

    @Test
    void shouldRetrieveBySlugFollowThePkAcrossASlugChangeAndDeleteWithTheLastSlug() {
        Changes changes = STACK.changes();
        ProcessorEndpoints processor = ProcessorEndpoints.of(STACK.stack());
        changes.upsert(ARTICLE, 7, article(7, "hello-world", "Hello"));
        await("article 7 stored").atMost(WsClient.FRAME_TIMEOUT)
                .until(() -> processor.hasInstance(ARTICLE, "slug", "\"hello-world\""));
        try (WsClient retriever = STACK.connect(1); WsClient lister = STACK.connect(2)) {
            // given: a retrieve by slug on edge 1 and a list on edge 2, both live
            retriever.subscribeUntilLive("{\"type\":\"subscribe\",\"id\":\"a\",\"model\":\"blog.Article\","
                    + "\"action\":\"retrieve\",\"lookup_by\":\"hello-world\"}",
                    () -> changes.upsert(ARTICLE, 7, article(7, "hello-world", "Hello")));
            lister.subscribeUntilLive("{\"type\":\"subscribe\",\"id\":\"l\",\"model\":\"blog.Article\",\"action\":\"list\"}",
                    () -> changes.upsert(ARTICLE, 7, article(7, "hello-world", "Hello")));
            retriever.clear();
            lister.clear();

            // when: the slug changes, another article takes the old slug, then article 7 is deleted
            changes.upsert(ARTICLE, 7, article(7, "hello-rest-live", "Hello again"));
            changes.upsert(ARTICLE, 8, article(8, "hello-world", "Impostor"));
            changes.delete(ARTICLE, 7);

            // then: the retrieve followed pk 7 through the slug change and never saw article 8
            retriever.awaitFrame("{\"type\":\"broadcast\",\"id\":\"a\",\"model\":\"blog.Article\",\"action\":\"UPDATED\","
                    + "\"instance\":{\"id\":7,\"slug\":\"hello-rest-live\",\"title\":\"Hello again\"}}");
            String deleted = "{\"type\":\"broadcast\",\"id\":\"%s\",\"model\":\"blog.Article\",\"action\":\"DELETED\","
                    + "\"instance\":{\"slug\":\"hello-rest-live\",\"id\":7}}";
            retriever.awaitFrame(deleted.formatted("a"));
            // (a warm-up UPDATED of article 7 may still arrive after the clear; nothing of article 8 may)
            assertThat(retriever.frames()).allSatisfy(f -> assertThat(f.get("instance").get("id").asInt()).isEqualTo(7));
            assertThat(retriever.frames().get(retriever.frames().size() - 1)).isEqualTo(
                    io.restlive.core.json.Json.parse(deleted.formatted("a")));
            // and the list saw article 8 enter and article 7 leave with the same lookup-only payload
            lister.awaitFrame(deleted.formatted("l"));
            assertThat(lister.hasReceived("{\"type\":\"broadcast\",\"id\":\"l\",\"model\":\"blog.Article\",\"action\":\"CREATED\","
                    + "\"instance\":{\"id\":8,\"slug\":\"hello-world\",\"title\":\"Impostor\"}}")).isTrue();
        }
    }

    @Test
    void shouldAnswer404ForASlugNothingHas() {
        try (WsClient client = STACK.connect(2)) {
            client.send("{\"type\":\"subscribe\",\"id\":9,\"model\":\"blog.Article\",\"action\":\"retrieve\","
                    + "\"lookup_by\":\"no-such-slug\"}");

            client.awaitFrame("{\"type\":\"error\",\"id\":9,\"code\":404,"
                    + "\"message\":\"Instance not found. Make sure 'lookup_by' is set to a valid ID\"}");
        }
    }

    @Test
    void shouldChooseTheSerializerPerUserComputeFieldsAndCamelCaseKeys() {
        Changes changes = STACK.changes();
        String token = Tokens.forUser(STACK.stack().jwtSecret(), "alice", Instant.now().plusSeconds(3600));
        try (WsClient anonymous = STACK.connect(1);
             WsClient alice = WsClient.connect(STACK.subscribeUrl(2), Map.of("Authorization", "Bearer " + token))) {
            // given: an anonymous and an authenticated list subscriber
            String list = "{\"type\":\"subscribe\",\"id\":1,\"model\":\"people.Profile\",\"action\":\"list\"}";
            anonymous.subscribeUntilLive(list, () -> changes.upsert(PROFILE, 900, profile(900, "warm_up", "Warm")));
            alice.subscribeUntilLive(list, () -> changes.upsert(PROFILE, 900, profile(900, "warm_up", "Warm")));
            anonymous.clear();
            alice.clear();

            // when
            changes.upsert(PROFILE, 3, profile(3, "ada_l", "Ada Lovelace"));
            changes.delete(PROFILE, 3);

            // then: the anonymous user gets the second serializer, alice the first; keys are camelCased
            anonymous.awaitFrame("{\"type\":\"broadcast\",\"id\":1,\"model\":\"people.Profile\",\"action\":\"CREATED\","
                    + "\"instance\":{\"id\":3,\"userName\":\"ada_l\",\"nameLength\":12}}");
            alice.awaitFrame("{\"type\":\"broadcast\",\"id\":1,\"model\":\"people.Profile\",\"action\":\"CREATED\","
                    + "\"instance\":{\"id\":3,\"userName\":\"ada_l\",\"displayName\":\"Ada Lovelace\",\"auth\":\"ADMIN\","
                    + "\"nameLength\":12}}");
            // and the DELETED payload carries the camelCased lookup field
            String deleted = "{\"type\":\"broadcast\",\"id\":1,\"model\":\"people.Profile\",\"action\":\"DELETED\","
                    + "\"instance\":{\"userName\":\"ada_l\",\"id\":3}}";
            anonymous.awaitFrame(deleted);
            alice.awaitFrame(deleted);
            assertThat(anonymous.frames().toString()).doesNotContain("secret").doesNotContain("Ada Lovelace");
        }
    }

    /** Subscribes, then triggers a matching change until a frame for the subscription arrives. */

    private static String article(long id, String slug, String title) {
        return "{\"id\":" + id + ",\"slug\":\"" + slug + "\",\"title\":\"" + title + "\",\"draft\":false}";
    }

    private static String profile(long id, String userName, String displayName) {
        return "{\"id\":" + id + ",\"user_name\":\"" + userName + "\",\"display_name\":\"" + displayName
                + "\",\"secret\":\"hunter2\"}";
    }
}
