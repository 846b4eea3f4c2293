package io.omvcap.archive;

/** Recognises JPEG and PNG data and reads their dimensions without decoding the image. */
final class ImageProbe {
    private ImageProbe() {
    }

    static boolean isJpeg(byte[] d) {
        return d.length >= 4 && (d[0] & 0xFF) == 0xFF && (d[1] & 0xFF) == 0xD8 && (d[2] & 0xFF) == 0xFF;
    }

    static boolean isPng(byte[] d) {
        return d.length >= 24 && (d[0] & 0xFF) == 0x89 && d[1] == 'P' && d[2] == 'N' && d[3] == 'G';
    }

    /** Width and height from the first SOF marker; zeros when none is found. */
    static int[] jpegSize(byte[] d) {
        int i = 2;
        while (i + 9 < d.length) {
            if ((d[i] & 0xFF) != 0xFF) {
                i++;
                continue;
            }
            int marker = d[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++;
                continue;
            }
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                int h = (d[i + 5] & 0xFF) << 8 | (d[i + 6] & 0xFF);
                int w = (d[i + 7] & 0xFF) << 8 | (d[i + 8] & 0xFF);
                return new int[] {w, h};
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                i += 2;
                continue;
            }
            int len = (d[i + 2] & 0xFF) << 8 | (d[i + 3] & 0xFF);
            if (len < 2) {
                break;
            }
            i += 2 + len;
        }
        return new int[] {0, 0};
    }

    static int[] pngSize(byte[] d) {
        int w = (d[16] & 0xFF) << 24 | (d[17] & 0xFF) << 16 | (d[18] & 0xFF) << 8 | (d[19] & 0xFF);
        int h = (d[20] & 0xFF) << 24 | (d[21] & 0xFF) << 16 | (d[22] & 0xFF) << 8 | (d[23] & 0xFF);
        return new int[] {w, h};
    }
}
