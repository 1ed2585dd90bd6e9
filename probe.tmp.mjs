import { readDicom } from './dist/site-agent/data/dicom/dicom-file.js';
import { readFileSync, readdirSync } from 'node:fs';
const D='/work/shared/datasets/dicom/';
for (const f of readdirSync(D).sort()) {
  try { const img = readDicom(new Uint8Array(readFileSync(D+f))); const h = img.header; const fr = img.frame(0); let mn=Infinity,mx=-Infinity,sum=0; for (const v of fr){mn=Math.min(mn,v);mx=Math.max(mx,v);sum+=v;}
    console.log(f.padEnd(26), h.modality, `${h.rows}x${h.columns}x${h.samplesPerPixel}`, 'frames', h.frames, 'min', mn, 'max', mx, 'mean', (sum/fr.length).toFixed(2), 'id', h.identifying.join('|'));
  } catch (e) { console.log(f.padEnd(26), 'UNREADABLE', e.reason, '|', e.message.slice(0,100)); }
}
