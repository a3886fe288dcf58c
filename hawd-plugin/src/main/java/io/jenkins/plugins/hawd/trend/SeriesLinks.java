package io.jenkins.plugins.hawd.trend;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * URL tokens for series. A series id such as {@code mail_query/time{rows=5000}} holds slashes and
 * braces, which servlet containers refuse in a path segment even when encoded, so the id travels
 * base64url-encoded in one segment.
 */
public final class SeriesLinks {
    private SeriesLinks() {
    }

    public static String token(String seriesId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(seriesId.getBytes(StandardCharsets.UTF_8));
    }

    /** The series id of a token, or {@code null} when the token is not one of ours. */
    public static String seriesId(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException e) {
            return null;
        }
    }
}
