package io.pushledger.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.pushledger.adapter.http.security.ApiTokens;
import io.pushledger.domain.model.CallbackSignatures;
import io.pushledger.domain.model.CallbackUrlToken;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * By inspection of the bytecode: the classes that compare secrets do it with {@link MessageDigest#isEqual},
 * which does not stop at the first differing byte, and never with a comparison that does.
 */
class ConstantTimeComparisonTest {

    private static final JavaClasses SECRET_COMPARERS = new ClassFileImporter()
            .importClasses(CallbackSignatures.class, CallbackUrlToken.class, ApiTokens.class);

    @Test
    void secretsAreComparedWithMessageDigestIsEqual() {
        classes().should().callMethod(MessageDigest.class, "isEqual", byte[].class, byte[].class)
                .check(SECRET_COMPARERS);
    }

    @Test
    void secretsAreNeverComparedWithAShortCircuitingEquals() {
        noClasses().should().callMethod(String.class, "equals", Object.class)
                .orShould().callMethod(String.class, "equalsIgnoreCase", String.class)
                .orShould().callMethod(String.class, "contentEquals", CharSequence.class)
                .orShould().callMethod(String.class, "compareTo", String.class)
                .orShould().callMethod(Arrays.class, "equals", byte[].class, byte[].class)
                .check(SECRET_COMPARERS);
    }
}
