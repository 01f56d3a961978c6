// Rewrites a zip (an APK from apktool) so that rebuilding the same sources
// gives the same bytes: every entry keeps its name, order and compression
// method, and gets the fixed time SOURCE_DATE_EPOCH (seconds, UTC).
//
//   java ZipNormalize.java IN.apk OUT.apk
//
// Part of privdiff's fixture build (testdata/apks/build.sh). Apache-2.0.

import java.io.*;
import java.nio.file.*;
import java.util.*;
import java.util.zip.*;

public class ZipNormalize {
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java ZipNormalize.java IN OUT");
            System.exit(2);
        }
        String epoch = System.getenv().getOrDefault("SOURCE_DATE_EPOCH", "1700000000");
        // ZipEntry.setTime stores a DOS time in the default time zone: use UTC.
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        long time = Long.parseLong(epoch) * 1000L;

        try (ZipFile in = new ZipFile(args[0]);
             ZipOutputStream out = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(Paths.get(args[1]))))) {
            out.setLevel(Deflater.BEST_COMPRESSION);
            for (Enumeration<? extends ZipEntry> it = in.entries(); it.hasMoreElements(); ) {
                ZipEntry e = it.nextElement();
                byte[] data;
                try (InputStream s = in.getInputStream(e)) {
                    data = s.readAllBytes();
                }
                ZipEntry o = new ZipEntry(e.getName());
                o.setTime(time);
                if (e.getMethod() == ZipEntry.STORED) {
                    CRC32 crc = new CRC32();
                    crc.update(data);
                    o.setMethod(ZipEntry.STORED);
                    o.setSize(data.length);
                    o.setCompressedSize(data.length);
                    o.setCrc(crc.getValue());
                } else {
                    o.setMethod(ZipEntry.DEFLATED);
                }
                out.putNextEntry(o);
                out.write(data);
                out.closeEntry();
            }
        }
    }
}
