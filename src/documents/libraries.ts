/**
 * The heavy libraries behind the documents (PDF layout, fonts, QR codes, workbooks, PKCS#12 and PKCS#7), loaded on
 * first use: together they were about two fifths of the JavaScript the app loaded at start, which every start (and
 * every test process) paid for before serving a request. Each loads once, synchronously, on the first document.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- the point of this file is a require at first use */
import type ExcelJSModule from 'exceljs';
import type * as FontkitModule from 'fontkit';
import type ForgeModule from 'node-forge';
import type PDFKitModule from 'pdfkit';
import type QRCodeModule from 'qrcode';
import type * as PlaceholderModule from '@signpdf/placeholder-plain';
import type SignPdfModule from '@signpdf/signpdf';

export const exceljs = (): typeof ExcelJSModule => require('exceljs') as typeof ExcelJSModule;
export const pdfkit = (): typeof PDFKitModule => require('pdfkit') as typeof PDFKitModule;
export const fontkit = (): typeof FontkitModule => require('fontkit') as typeof FontkitModule;
export const qrcode = (): typeof QRCodeModule => require('qrcode') as typeof QRCodeModule;
export const forge = (): typeof ForgeModule => require('node-forge') as typeof ForgeModule;
export const signpdf = (): typeof SignPdfModule => (require('@signpdf/signpdf') as { default: typeof SignPdfModule }).default;
export const placeholder = (): typeof PlaceholderModule => require('@signpdf/placeholder-plain') as typeof PlaceholderModule;
