package io.restlive.core.views;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * A user without an id (anonymous, or a token without {@code sub}) has no {@code user.id}: comparing an
 * owner with it is an evaluation error, which counts as "not visible" and is counted, never a match of
 * two nulls.
 */
class OwnershipEvaluationTest {

    private static final ViewsFile FILE = ViewsFile.parse("""
            views:
              - name: notes
                model: todolist.Note
                object-permission: "instance.owner == user.id"
              - name: shared-notes
                model: todolist.Shared
                object-permission: "instance.owner == user.id || params.shared == 'true'"
              - name: not-mine
                model: todolist.Other
                object-permission: "instance.owner != user.id"
            """, "test");

    private final View notes = FILE.view("notes").orElseThrow();

    private static EntityState note(String instanceJson) {
        return new EntityState(Json.NODES.numberNode(1), Json.parseObject(instanceJson));
    }

    private static SubscriptionContext context(ObjectNode user, String params) {
        return new SubscriptionContext(user, Json.NODES.objectNode(), QueryParams.normalize(Json.parseObject(params)),
                "retrieve");
    }

    private static SubscriptionContext context(LiveUser user) {
        return context(user.toJson(), "{}");
    }

    @Test
    void shouldGiveAnAnonymousUserNoIdKeyAtAll() {
        assertThat(LiveUser.ANONYMOUS.toJson().has("id")).isFalse();
        assertThat(LiveUser.ANONYMOUS.toJson().has("name")).isFalse();
    }

    @Test
    void shouldNotShowAnOwnerlessInstanceToAnAnonymousUser() {
        // given
        SubscriptionContext anonymous = context(LiveUser.ANONYMOUS);

        // then: neither a null owner nor a missing one equals the missing id
        assertThat(notes.isVisible(anonymous, note("{\"id\":1,\"owner\":null}"))).isFalse();
        assertThat(notes.isVisible(anonymous, note("{\"id\":1}"))).isFalse();
        assertThat(notes.isVisible(anonymous, note("{\"id\":1,\"owner\":\"alice\"}"))).isFalse();
    }

    @Test
    void shouldNotShowAnOwnerlessInstanceToAUserWhoseTokenHasNoSubject() {
        SubscriptionContext noSubject = context(new LiveUser(true, null, null, List.of(), Json.NODES.objectNode()));

        assertThat(notes.isVisible(noSubject, note("{\"id\":1,\"owner\":null}"))).isFalse();
        assertThat(notes.isVisible(noSubject, note("{\"id\":1}"))).isFalse();
    }

    @Test
    void shouldNotMatchNullsForAGroupAnnouncedWithANullIdByAnOlderEdge() {
        // given: the user as older edges wrote it into group specs
        SubscriptionContext legacy = context(Json.parseObject("{\"authenticated\":false,\"id\":null,\"name\":null}"), "{}");

        assertThat(notes.isVisible(legacy, note("{\"id\":1,\"owner\":null}"))).isFalse();
    }

    @Test
    void shouldStillShowTheOwnerTheirInstance() {
        SubscriptionContext alice = context(new LiveUser(true, "alice", null, List.of(), Json.NODES.objectNode()));

        assertThat(notes.isVisible(alice, note("{\"id\":1,\"owner\":\"alice\"}"))).isTrue();
        assertThat(notes.isVisible(alice, note("{\"id\":1,\"owner\":null}"))).isFalse();
    }

    @Test
    void shouldLetAnotherBranchOfAnOrDecideForAUserWithoutId() {
        View shared = FILE.view("shared-notes").orElseThrow();

        assertThat(shared.isVisible(context(LiveUser.ANONYMOUS.toJson(), "{\"shared\":true}"), note("{\"owner\":null}")))
                .isTrue();
        assertThat(shared.isVisible(context(LiveUser.ANONYMOUS.toJson(), "{}"), note("{\"owner\":null}"))).isFalse();
    }

    @Test
    void shouldNotShowANegatedOwnershipToAUserWithoutId() {
        View notMine = FILE.view("not-mine").orElseThrow();

        assertThat(notMine.isVisible(context(LiveUser.ANONYMOUS), note("{\"owner\":\"alice\"}"))).isFalse();
    }

    @Test
    void shouldCountEvaluationErrorsInsteadOfSwallowingThem() {
        // given
        long before = notes.evaluationErrors();

        // when: two evaluations that cannot be evaluated, one that can
        notes.isVisible(context(LiveUser.ANONYMOUS), note("{\"owner\":null}"));
        notes.isVisible(context(new LiveUser(true, "bob", null, List.of(), Json.NODES.objectNode())), note("{}"));
        notes.isVisible(context(new LiveUser(true, "bob", null, List.of(), Json.NODES.objectNode())),
                note("{\"owner\":\"bob\"}"));

        // then
        assertThat(notes.evaluationErrors() - before).isEqualTo(2);
    }
}
