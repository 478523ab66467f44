package io.github.rethinkinggeneralization.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumsTest {

    // Reference digests of "abc" from RFC 1321 and FIPS 180-2.
    private static final String ABC_MD5 = "900150983cd24fb0d6963f7d28e17f72";
    private static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @TempDir
    Path tmp;

    private Path abc() {
        return DataFiles.write(tmp.resolve("abc.txt"), "abc".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void md5OfAFileIsLowerCaseHex() {
        assertThat(Checksums.md5(abc())).isEqualTo(ABC_MD5);
    }

    @Test
    void sha256OfAFileIsLowerCaseHex() {
        assertThat(Checksums.sha256(abc())).isEqualTo(ABC_SHA256);
    }

    @Test
    void digestsOfAStreamMatchThoseOfTheFile() throws IOException {
        byte[] bytes = "abc".getBytes(StandardCharsets.US_ASCII);

        assertThat(Checksums.md5(new ByteArrayInputStream(bytes))).isEqualTo(ABC_MD5);
        assertThat(Checksums.sha256(new ByteArrayInputStream(bytes))).isEqualTo(ABC_SHA256);
    }

    @Test
    void verifyAcceptsTheRightDigestInEitherCase() {
        Path file = abc();

        assertThatCode(() -> Checksums.verify(file, ABC_MD5)).doesNotThrowAnyException();
        assertThatCode(() -> Checksums.verify(file, ABC_MD5.toUpperCase())).doesNotThrowAnyException();
    }

    @Test
    void verifyRejectsAWrongDigestNamingTheFileAndBothDigests() {
        Path file = abc();
        String wrong = "00000000000000000000000000000000";

        assertThatThrownBy(() -> Checksums.verify(file, wrong))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("checksum mismatch: expected " + wrong + ", found " + ABC_MD5)
                .hasMessageContaining("download it again");
    }

    @Test
    void digestOfAMissingFileNamesTheFile() {
        Path missing = tmp.resolve("nothing.gz");

        assertThatThrownBy(() -> Checksums.md5(missing))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(missing.toString());
    }
}
