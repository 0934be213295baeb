package io.github.cai4j.bootloader.image;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image version {@code major.minor.revision+build} ({@code struct image_version}: u8, u8, u16, u32;
 * {@code spec/mcuboot-psa.md} A1). Ordered the way MCUboot compares versions (build number included).
 */
public record ImageVersion(int major, int minor, int revision, long build) implements Comparable<ImageVersion> {

    private static final Pattern FORMAT =
            Pattern.compile("^([1-9]\\d*|0)(\\.([1-9]\\d*|0)(\\.([1-9]\\d*|0)(\\+([1-9]\\d*|0))?)?)?$");

    public ImageVersion {
        if (major < 0 || major > 0xff || minor < 0 || minor > 0xff || revision < 0 || revision > 0xffff
                || build < 0 || build > 0xffffffffL) {
            throw new IllegalArgumentException("version field out of range: " + major + "." + minor + "."
                    + revision + "+" + build);
        }
    }

    /** Parses imgtool's version syntax ({@code 1}, {@code 1.2}, {@code 1.2.3}, {@code 1.2.3+4}). */
    public static ImageVersion parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid version number: '" + text + "'");
        }
        try {
            int major = Integer.parseInt(m.group(1));
            int minor = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            int rev = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
            long build = m.group(7) == null ? 0 : Long.parseLong(m.group(7));
            return new ImageVersion(major, minor, rev, build);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid version number: '" + text + "'", e);
        }
    }

    /** imgtool's {@code --security-counter auto}: {@code (major << 24) + (minor << 16) + revision}. */
    public long autoSecurityCounter() {
        return ((long) major << 24) + ((long) minor << 16) + revision;
    }

    /** {@code major.minor.revision} (as in a boot record). */
    public String withoutBuild() {
        return major + "." + minor + "." + revision;
    }

    @Override
    public int compareTo(ImageVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        if (c == 0) {
            c = Integer.compare(revision, o.revision);
        }
        if (c == 0) {
            c = Long.compare(build, o.build);
        }
        return c;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + revision + "+" + build;
    }
}
