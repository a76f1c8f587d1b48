/** An uploaded file checked to be a PDF by its content, ready to store or to hold. */
export interface PdfFile {
  nama: string;
  tipe: string;
  isi: Buffer;
}
