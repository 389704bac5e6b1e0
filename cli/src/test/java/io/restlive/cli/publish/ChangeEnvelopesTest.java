package io.restlive.cli.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restlive.core.json.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChangeEnvelopesTest {

    private static final Instant NOW = Instant.ofEpochMilli(1_700_000_000_000L);

    @Test
    void shouldKeyByModelAndPkAndFillInOpAndTs() throws InvalidEnvelopeException {
        ChangeRecord change = ChangeEnvelopes.validate(
                "{\"model\":\"todolist.Task\",\"pk\":1,\"instance\":{\"id\":1,\"text\":\"a\",\"done\":false}}", NOW);

        assertThat(change.key()).isEqualTo("todolist.Task|1");
        assertThat(Json.parse(change.envelopeJson())).isEqualTo(Json.parse(
                "{\"model\":\"todolist.Task\",\"pk\":1,\"instance\":{\"id\":1,\"text\":\"a\",\"done\":false},"
                        + "\"op\":\"UPSERT\",\"ts\":1700000000000}"));
    }

    @Test
    void shouldQuoteStringPkInKeyAndKeepGivenTsAndVersion() throws InvalidEnvelopeException {
        ChangeRecord change = ChangeEnvelopes.validate(
                "{\"model\":\"todolist.Tag\",\"pk\":\"urgent\",\"op\":\"DELETE\",\"version\":4,\"ts\":5}", NOW);

        assertThat(change.key()).isEqualTo("todolist.Tag|\"urgent\"");
        assertThat(Json.parse(change.envelopeJson()).get("ts").asLong()).isEqualTo(5);
        assertThat(Json.parse(change.envelopeJson()).get("version").asLong()).isEqualTo(4);
    }

    @Test
    void shouldAcceptDeleteWithNullInstance() throws InvalidEnvelopeException {
        assertThat(ChangeEnvelopes.validate("{\"model\":\"a.B\",\"pk\":2,\"op\":\"DELETE\",\"instance\":null}", NOW).key())
                .isEqualTo("a.B|2");
    }

    @Test
    void shouldRejectTextThatIsNotJson() {
        assertThatThrownBy(() -> ChangeEnvelopes.validate("{model: a}", NOW))
                .isInstanceOf(InvalidEnvelopeException.class)
                .hasMessageStartingWith("not valid JSON: ");
    }

    @Test
    void shouldRejectEnvelopeThatIsNotAnObject() {
        assertThatThrownBy(() -> ChangeEnvelopes.validate("[1]", NOW))
                .hasMessage("the envelope must be a JSON object, not array [1]");
        assertThatThrownBy(() -> ChangeEnvelopes.validate("  ", NOW)).hasMessageStartingWith("the envelope is empty");
    }

    @Test
    void shouldRejectMissingOrBlankModel() {
        assertThatThrownBy(() -> ChangeEnvelopes.validate("{\"pk\":1,\"instance\":{}}", NOW))
                .hasMessage("'model' must be a non-blank string like \"todolist.Task\" (it is missing)");
        assertThatThrownBy(() -> ChangeEnvelopes.validate("{\"model\":7,\"pk\":1,\"instance\":{}}", NOW))
                .hasMessage("'model' must be a non-blank string like \"todolist.Task\", not number 7");
    }

    @Test
    void shouldRejectPkThatIsNeitherIntegerNorString() {
        assertThatThrownBy(() -> ChangeEnvelopes.validate("{\"model\":\"a.B\",\"instance\":{}}", NOW))
                .hasMessage("'pk' must be an integer or a string (it is missing)");
        assertThatThrownBy(() -> ChangeEnvelopes.validate("{\"model\":\"a.B\",\"pk\":1.5,\"instance\":{}}", NOW))
                .hasMessage("'pk' must be an integer or a string, not number 1.5");
    }

    @Test
    void shouldRejectUnknownOp() {
        assertThatThrownBy(() -> ChangeEnvelopes.validate("{\"model\":\"a.B\",\"pk\":1,\"op\":\"upsert\"}", NOW))
                .hasMessage("'op' must be \"UPSERT\" or \"DELETE\", not string \"upsert\"");
    }

    @Test
    void shouldRequireObjectInstanceForUpsert() {
        assertThatThrownBy(() -> ChangeEnvelopes.validate("{\"model\":\"a.B\",\"pk\":1}", NOW))
                .hasMessage("an UPSERT needs 'instance': the entity's full state as a JSON object");
        assertThatThrownBy(() -> ChangeEnvelopes.validate("{\"model\":\"a.B\",\"pk\":1,\"instance\":\"{}\"}", NOW))
                .hasMessageEndingWith(", not string \"{}\"");
    }

    @Test
    void shouldRejectInstanceOnDelete() {
        assertThatThrownBy(() -> ChangeEnvelopes.validate(
                "{\"model\":\"a.B\",\"pk\":1,\"op\":\"DELETE\",\"instance\":{\"id\":1}}", NOW))
                .hasMessage("a DELETE carries no 'instance' (leave it out or set it to null)");
    }

    @Test
    void shouldRejectNonIntegerVersionOrTs() {
        assertThatThrownBy(() -> ChangeEnvelopes.validate("{\"model\":\"a.B\",\"pk\":1,\"instance\":{},\"version\":\"3\"}", NOW))
                .hasMessage("'version' must be an integer, not string \"3\"");
        assertThatThrownBy(() -> ChangeEnvelopes.validate("{\"model\":\"a.B\",\"pk\":1,\"instance\":{},\"ts\":1.5}", NOW))
                .hasMessage("'ts' must be an integer, not number 1.5");
    }

    @Test
    void shouldRejectUnknownFieldByName() {
        assertThatThrownBy(() -> ChangeEnvelopes.validate("{\"model\":\"a.B\",\"pk\":1,\"instnace\":{}}", NOW))
                .hasMessage("unknown field 'instnace' (allowed: model, pk, op, instance, version, ts)");
    }
}
