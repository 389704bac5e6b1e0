package io.restlive.processor.lookup;

import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;

/**
 * Lookup equality with Django's leniency: a number and a numeric string are equal when their values are
 * ({@code 1} and {@code "1"}), as a URL's string kwarg finds an integer field.
 */
final class FieldMatch {

    private FieldMatch() {
    }

    static boolean matches(JsonNode field, JsonNode wanted) {
        if (field == null || field.isNull() || field.isMissingNode()) {
            return false;
        }
        if (field.isNumber() || wanted.isNumber()) {
            BigDecimal a = number(field);
            BigDecimal b = number(wanted);
            return a != null && b != null && a.compareTo(b) == 0;
        }
        if (field.isString() && wanted.isString()) {
            return field.asString().equals(wanted.asString());
        }
        return field.equals(wanted);
    }

    private static BigDecimal number(JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isString()) {
            try {
                return new BigDecimal(node.asString().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
