package io.restlive.edge.protocol;

/**
 * What a retrieve subscriber was shown at subscribe time, so that a change processed between the
 * lookup and the subscriber's group going live can still reach it (a catch-up; see
 * subscription-processor/DESIGN.md, "The subscribe/change race").
 *
 * @param digest the processor's digest of the state the lookup found
 * @param deletedPayload the DELETED instance this subscriber would get for that state, as JSON text
 */
public record SeenInstance(String digest, String deletedPayload) {
}
