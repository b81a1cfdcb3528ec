//! The budget of an old binary Office file (.xls): its compound-file
//! container walked before calamine opens it, which it does whole and
//! trusting: a sector chain that loops, a FAT entry past the table or a
//! stream that declares more bytes than the file holds would hang it,
//! panic (fatal in the browser's worker) or allocate without bound; and
//! each sheet's cells are laid out as one block from its first to its last,
//! so two far-apart cells would allocate millions. Checked here: every
//! chain ends within its table, every declared size within the file, and
//! each sheet's cells and span within [`MAX_CELLS`].

use super::budget::MAX_CELLS;

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
/// Sector ids from here on are markers, not sectors.
const MARKERS: u32 = 0xFFFF_FFFA;
const BROKEN: &str = "文件是旧版 Office 格式，但文件结构已损坏，无法读取。";

/// The container's tables and where its streams lie.
struct Compound<'a> {
    bytes: &'a [u8],
    sector: usize,
    fat: Vec<u32>,
    mini_fat: Vec<u32>,
    /// The mini stream (the root entry's chain), which holds the small
    /// streams in 64-byte sectors.
    mini: Vec<u8>,
    /// Each directory entry: name, kind (2 a stream, 5 the root), start
    /// sector, declared size.
    entries: Vec<(String, u8, u32, u64)>,
}

fn u16_at(bytes: &[u8], at: usize) -> u16 {
    bytes
        .get(at..at + 2)
        .and_then(|b| b.try_into().ok())
        .map_or(0, u16::from_le_bytes)
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    bytes
        .get(at..at + 4)
        .and_then(|b| b.try_into().ok())
        .map_or(ENDOFCHAIN, u32::from_le_bytes)
}

impl<'a> Compound<'a> {
    fn sector_bytes(&self, id: u32) -> Result<&'a [u8], String> {
        let start = (id as usize + 1) * self.sector;
        self.bytes
            .get(start..start + self.sector)
            .ok_or_else(|| BROKEN.to_owned())
    }

    /// The sectors of the chain from `start` in `table`, in order; Err when
    /// an id lies past the table or the chain comes round again.
    fn chain(start: u32, table: &[u32]) -> Result<Vec<u32>, String> {
        let mut ids = Vec::new();
        let mut id = start;
        while id != ENDOFCHAIN {
            let next = table
                .get(id as usize)
                .filter(|_| ids.len() < table.len())
                .ok_or(BROKEN)?;
            ids.push(id);
            id = *next;
        }
        Ok(ids)
    }

    /// The bytes of the chain from `start` in the FAT.
    fn read(&self, start: u32) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        for id in Self::chain(start, &self.fat)? {
            out.extend_from_slice(self.sector_bytes(id)?);
        }
        Ok(out)
    }

    fn open(bytes: &'a [u8]) -> Result<Self, String> {
        let shift = u16_at(bytes, 0x1E);
        if bytes.len() < 512 || !matches!(shift, 9 | 12) {
            return Err(BROKEN.to_owned());
        }
        let sector = 1usize << shift;
        let sectors = bytes.len().div_ceil(sector) as u32;
        let mut compound = Compound {
            bytes,
            sector,
            fat: Vec::new(),
            mini_fat: Vec::new(),
            mini: Vec::new(),
            entries: Vec::new(),
        };
        // The FAT's sectors: 109 listed in the header, the rest in a chain
        // of DIFAT sectors, each ending with the next one's id.
        let mut fat_sectors: Vec<u32> = (0..109).map(|i| u32_at(bytes, 0x4C + 4 * i)).collect();
        let mut difat = u32_at(bytes, 0x44);
        let mut hops = 0;
        while difat < MARKERS {
            hops += 1;
            if hops > sectors {
                return Err(BROKEN.to_owned());
            }
            let sector = compound.sector_bytes(difat)?;
            let ids = sector.len() / 4;
            fat_sectors.extend((0..ids - 1).map(|i| u32_at(sector, 4 * i)));
            difat = u32_at(sector, 4 * (ids - 1));
        }
        for id in fat_sectors.into_iter().filter(|&id| id < MARKERS) {
            if compound.fat.len() > sectors as usize {
                return Err(BROKEN.to_owned());
            }
            let sector = compound.sector_bytes(id)?;
            compound
                .fat
                .extend((0..sector.len() / 4).map(|i| u32_at(sector, 4 * i)));
        }
        let directory = compound.read(u32_at(bytes, 0x30))?;
        let large = shift == 12;
        for entry in directory.chunks_exact(128) {
            let name: String = char::decode_utf16(
                (0..32)
                    .map(|i| u16_at(entry, 2 * i))
                    .take_while(|&u| u != 0),
            )
            .map(|c| c.unwrap_or('\u{FFFD}'))
            .collect();
            let size = if large {
                u64::from(u32_at(entry, 120)) | (u64::from(u32_at(entry, 124)) << 32)
            } else {
                u64::from(u32_at(entry, 120))
            };
            compound.entries.push((
                name,
                entry.get(66).copied().unwrap_or(0),
                u32_at(entry, 116),
                size,
            ));
        }
        let mini_start = u32_at(bytes, 0x3C);
        if mini_start < MARKERS {
            let mini = compound.read(mini_start)?;
            compound.mini_fat = (0..mini.len() / 4).map(|i| u32_at(&mini, 4 * i)).collect();
        }
        // The root's chain, when it holds anything, is read from the FAT,
        // as calamine reads it.
        if let Some(&(_, _, root_start, size)) = compound.entries.first() {
            if size > 0 {
                compound.mini = compound.read(root_start)?;
            }
        }
        Ok(compound)
    }

    /// A stream's bytes: small ones (under 4,096) from the mini stream.
    fn stream(&self, start: u32, size: u64) -> Result<Vec<u8>, String> {
        let mut out = if size < 4096 {
            let mut out = Vec::new();
            for id in Self::chain(start, &self.mini_fat)? {
                let at = id as usize * 64;
                out.extend_from_slice(self.mini.get(at..at + 64).ok_or(BROKEN)?);
            }
            out
        } else {
            self.read(start)?
        };
        if (out.len() as u64) < size {
            return Err(BROKEN.to_owned());
        }
        out.truncate(size as usize);
        Ok(out)
    }
}

/// Whether an old Office file's container and its workbook's sheets lie
/// within the budget; Err with a Chinese reason.
pub fn within_budget(bytes: &[u8]) -> Result<(), String> {
    const STREAM: u8 = 2;
    const ROOT: u8 = 5;
    // Opening reads the root's chain (the mini stream).
    let compound = Compound::open(bytes)?;
    let mut workbook = None;
    for (name, kind, start, size) in &compound.entries {
        if !matches!(*kind, STREAM | ROOT) || *size == 0 {
            continue;
        }
        if *size > bytes.len() as u64 {
            return Err(BROKEN.to_owned());
        }
        // Every stream's chain is read the way calamine will read it.
        if *kind == STREAM {
            let read = compound.stream(*start, *size)?;
            if name.eq_ignore_ascii_case("Workbook") || name.eq_ignore_ascii_case("Book") {
                workbook.get_or_insert(read);
            }
        }
    }
    workbook.map_or(Ok(()), |w| sheets_within_budget(&w))
}

/// Each sheet's cells (the BIFF cell records between a BOF and its EOF):
/// at most [`MAX_CELLS`], spanning at most as many.
fn sheets_within_budget(workbook: &[u8]) -> Result<(), String> {
    const BOF: u16 = 0x0809;
    const EOF: u16 = 0x000A;
    // NUMBER, RK, LABELSST, LABEL, BLANK, BOOLERR, FORMULA, MULRK, MULBLANK.
    const CELLS: [u16; 9] = [
        0x0203, 0x027E, 0x00FD, 0x0204, 0x0201, 0x0205, 0x0006, 0x00BD, 0x00BE,
    ];
    let mut at = 0;
    let mut cells = 0u64;
    let mut span: Option<(u16, u16, u16, u16)> = None;
    let over = |cells: u64, span: Option<(u16, u16, u16, u16)>| {
        let area = span.map_or(0, |(r0, r1, c0, c1)| {
            (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1)
        });
        cells > MAX_CELLS || area > MAX_CELLS
    };
    while at + 4 <= workbook.len() {
        let kind = u16_at(workbook, at);
        let len = u16_at(workbook, at + 2) as usize;
        let data = workbook.get(at + 4..at + 4 + len).unwrap_or_default();
        at += 4 + len;
        if kind == BOF || kind == EOF {
            cells = 0;
            span = None;
        } else if CELLS.contains(&kind) && data.len() >= 4 {
            let (row, col) = (u16_at(data, 0), u16_at(data, 2));
            // MULRK and MULBLANK end with their last column.
            let last = if matches!(kind, 0x00BD | 0x00BE) {
                u16_at(data, data.len() - 2).max(col)
            } else {
                col
            };
            cells += u64::from(last - col) + 1;
            span = Some(span.map_or((row, row, col, last), |(r0, r1, c0, c1)| {
                (r0.min(row), r1.max(row), c0.min(col), c1.max(last))
            }));
            if over(cells, span) {
                return Err(format!(
                    "工作簿中的单元格或其所占区域超过 {MAX_CELLS} 个（可能是被特意构造的文件），不是正常的年度报告，未读取。"
                ));
            }
        }
    }
    Ok(())
}
