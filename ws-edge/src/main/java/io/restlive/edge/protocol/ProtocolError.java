package io.restlive.edge.protocol;

/**
 * A subscribe or unsubscribe that fails with a protocol error frame: the code and the exact text the
 * client sees. The texts of django-rest-live are kept verbatim.
 */
public final class ProtocolError extends Exception {

    private final int code;

    public ProtocolError(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }

    static ProtocolError noModel() {
        return new ProtocolError(400, "No model specified.");
    }

    static ProtocolError modelNotRegistered(String model) {
        return new ProtocolError(404, "Model " + model + " not registered for realtime updates.");
    }

    static ProtocolError badAction() {
        return new ProtocolError(400,
                "`action` must be present and the value must be either `list` or `retrieve`.");
    }

    static ProtocolError instanceNotFound() {
        return new ProtocolError(404, "Instance not found. Make sure 'lookup_by' is set to a valid ID");
    }

    static ProtocolError unauthorized(String model, String action) {
        return new ProtocolError(403, "Unauthorized to subscribe to " + model + " for action " + action);
    }

    static ProtocolError unknownUnsubscribe() {
        return new ProtocolError(404, "Attempted to unsubscribe for request ID before subscribing.");
    }

    static ProtocolError unknownType(String type) {
        return new ProtocolError(400, "unknown message type `" + type + "`.");
    }

    static ProtocolError idInUse(String id) {
        return new ProtocolError(409, "Subscription ID " + id + " is already in use on this connection.");
    }

    static ProtocolError processorUnavailable() {
        return new ProtocolError(503, "Subscriptions are unavailable: the subscription processor cannot be reached.");
    }
}
