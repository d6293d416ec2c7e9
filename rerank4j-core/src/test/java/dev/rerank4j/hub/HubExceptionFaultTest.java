package dev.rerank4j.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rerank4j.Rerank4jException.Fault;
import dev.rerank4j.hub.HubException.Kind;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HubExceptionFaultTest {
    /**
     * What a user can fix: a wrong id, revision or file name, a missing token, a model not cached while offline, a
     * missing or empty folder to upload.
     */
    private static final Set<Kind> USER_FIXABLE = EnumSet.of(
            Kind.REPO_NOT_FOUND,
            Kind.REVISION_NOT_FOUND,
            Kind.ENTRY_NOT_FOUND,
            Kind.ACCESS_DENIED,
            Kind.NOT_IN_CACHE,
            Kind.INVALID_UPLOAD);

    @Test
    void everyKindHasTheFaultOfWhoCanFixIt() {
        for (Kind kind : Kind.values()) {
            HubException e = new HubException(kind, "what happened");
            Fault expected = USER_FIXABLE.contains(kind) ? Fault.BAD_INPUT : Fault.FAILURE;
            assertThat(e.fault()).as(kind.name()).isEqualTo(expected);
            assertThat(e.isUserError()).as(kind.name()).isEqualTo(expected == Fault.BAD_INPUT);
        }
    }

    @Test
    void aDetailKeepsTheFault() {
        HubException e = new HubException(Kind.TIMEOUT, "timed out", 0, null).withDetail(" after 3 tries");
        assertThat(e).hasMessage("timed out after 3 tries");
        assertThat(e.fault()).isEqualTo(Fault.FAILURE);
    }
}
