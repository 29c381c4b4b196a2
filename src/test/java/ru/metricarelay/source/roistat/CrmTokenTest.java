package ru.metricarelay.source.roistat;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Locale;
import java.util.Optional;

import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import ru.metricarelay.answer.RelayProblem;

/** Roistat's CRM token = md5(login + password), against md5s computed here with commons-codec. */
class CrmTokenTest {

    static final String EXPECTED = DigestUtils.md5Hex("shop-login" + "s3cret-pass");

    @Test
    void fromLoginAndPassword() {
        CrmToken token = CrmToken.of(Optional.empty(), Optional.of("shop-login"), Optional.of("s3cret-pass"));
        assertDoesNotThrow(() -> token.verify(EXPECTED));
        assertDoesNotThrow(() -> token.verify(EXPECTED.toUpperCase(Locale.ROOT)));
        assertEquals(401, assertThrows(RelayProblem.class, () -> token.verify(DigestUtils.md5Hex("s3cret-pass" + "shop-login"))).status());
    }

    @Test
    void fromTheConfiguredMd5WhichWinsOverLoginAndPassword() {
        CrmToken token = CrmToken.of(Optional.of(EXPECTED.toUpperCase(Locale.ROOT)), Optional.of("other"), Optional.of("other"));
        assertDoesNotThrow(() -> token.verify(EXPECTED));
        assertEquals(401, assertThrows(RelayProblem.class, () -> token.verify(DigestUtils.md5Hex("otherother"))).status());
    }

    @Test
    void missingOrMalformedTokensAre401() {
        CrmToken token = CrmToken.of(Optional.of(EXPECTED), Optional.empty(), Optional.empty());
        assertEquals(401, assertThrows(RelayProblem.class, () -> token.verify(null)).status());
        assertEquals(401, assertThrows(RelayProblem.class, () -> token.verify("")).status());
        assertEquals(401, assertThrows(RelayProblem.class, () -> token.verify(EXPECTED + "0")).status());
    }

    @Test
    void unconfiguredMeansUncheckedAndABadMd5StopsStartUp() {
        assertNull(CrmToken.of(Optional.empty(), Optional.of("login-only"), Optional.empty()));
        assertThrows(IllegalStateException.class, () -> CrmToken.of(Optional.of("not-an-md5"), Optional.empty(), Optional.empty()));
    }
}
