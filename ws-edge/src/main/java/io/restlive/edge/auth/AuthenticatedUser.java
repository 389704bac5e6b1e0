package io.restlive.edge.auth;

import io.restlive.core.views.LiveUser;
import java.time.Instant;
import java.util.Optional;

/**
 * Who opened a connection and until when their token holds.
 *
 * @param user the user view expressions see
 * @param expiresAt when the connection must end unless its token is refreshed (the token's {@code exp} plus
 *     the allowed clock skew); null for an anonymous user or a token without {@code exp}
 */
public record AuthenticatedUser(LiveUser user, Instant expiresAt) {

    /** A connection without a token. */
    public static final AuthenticatedUser ANONYMOUS = new AuthenticatedUser(LiveUser.ANONYMOUS, null);

    /** When the connection expires, if it does. */
    public Optional<Instant> expiry() {
        return Optional.ofNullable(expiresAt);
    }
}
