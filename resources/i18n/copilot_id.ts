<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>CampaignPrompt</name>
    <message>
        <location filename="../../copilot/ui/widgets/industry.py" line="+56"/>
        <source>Which campaign are you working on?</source>
        <translation>Hari ini Anda menangani kampanye apa?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It chooses the hints you see. General picks them per message. You can change it any time at the top (Ctrl+Shift+I).</source>
        <translation>Pilihan ini menentukan petunjuk yang muncul. Umum memilihkannya per pesan. Bisa diganti kapan saja di bagian atas (Ctrl+Shift+I).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose your campaign</source>
        <translation>Pilih kampanye Anda</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Campaign: {industry}</source>
        <translation>Kampanye: {industry}</translation>
    </message>
</context>
<context>
    <name>CommitmentRow</name>
    <message>
        <location filename="../../copilot/ui/widgets/story.py" line="+155"/>
        <source>overdue since {due}</source>
        <translation>terlambat sejak {due}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>due {due}</source>
        <translation>jatuh tempo {due}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Commitment: {text}</source>
        <translation>Janji: {text}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark commitment done</source>
        <translation>Tandai janji selesai</translation>
    </message>
</context>
<context>
    <name>ComplianceGate</name>
    <message>
        <location filename="../../copilot/ui/widgets/compliance.py" line="+15"/>
        <source>asks for the customer&apos;s OTP</source>
        <translation>meminta kode OTP pelanggan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>asks for the customer&apos;s PIN</source>
        <translation>meminta PIN pelanggan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>asks for the card&apos;s CVV</source>
        <translation>meminta CVV kartu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>asks for the customer&apos;s password</source>
        <translation>meminta kata sandi pelanggan</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>asks for the full card number</source>
        <translation>meminta nomor kartu lengkap</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>asks for a secret code</source>
        <translation>meminta kode rahasia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>contains a full card number</source>
        <translation>memuat nomor kartu lengkap</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Copied anyway. The override (what kind, not your text) is recorded with this contact&apos;s wrap-up:
{problems}</source>
        <translation>Tetap disalin. Pengecualian ini (jenisnya saja, bukan teks Anda) dicatat di rekap panggilan kontak ini:
{problems}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not copied. This draft:
{problems}
Agents never ask for these codes or send a card number. Edit the draft, or copy it anyway (recorded).</source>
        <translation>Belum disalin. Draf ini:
{problems}
Agen tidak pernah meminta kode-kode ini atau mengirim nomor kartu. Ubah drafnya, atau tetap salin (akan dicatat).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Edit draft</source>
        <translation>Ubah draf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit the draft</source>
        <translation>Ubah drafnya</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Back to the draft, at the first problem</source>
        <translation>Kembali ke draf, langsung ke masalah pertama</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy anyway</source>
        <translation>Tetap salin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the draft anyway</source>
        <translation>Tetap salin drafnya</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copies it and records an override for the wrap-up and your team leader</source>
        <translation>Menyalin draf dan mencatat pengecualian untuk rekap panggilan dan team leader Anda</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Compliance check</source>
        <translation>Pemeriksaan kepatuhan</translation>
    </message>
</context>
<context>
    <name>DraftController</name>
    <message>
        <location filename="../../copilot/ui/controllers/draft.py" line="+201"/>
        <source>Copied</source>
        <translation>Disalin</translation>
    </message>
</context>
<context>
    <name>DraftWidget</name>
    <message>
        <location filename="../../copilot/ui/widgets/draft.py" line="+175"/>
        <source>Draft</source>
        <translation>Draf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write your reply here; nothing is ever sent</source>
        <translation>Tulis balasan Anda di sini; tidak ada yang dikirim otomatis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draft reply</source>
        <translation>Draf balasan</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tone reminders are underlined and listed below; Copy puts it on the clipboard</source>
        <translation>Pengingat nada digarisbawahi dan didaftar di bawah; Salin menaruhnya di clipboard</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy</source>
        <translation>Salin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the draft to the clipboard (Ctrl+Shift+C)</source>
        <translation>Salin draf ke clipboard (Ctrl+Shift+C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy draft</source>
        <translation>Salin draf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Puts the draft on the clipboard</source>
        <translation>Menaruh draf di clipboard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tone reminders</source>
        <translation>Pengingat nada</translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <location filename="../../copilot/ui/shell/banner.py" line="+148"/>
        <source>Nothing you typed is lost.</source>
        <translation>Tidak ada ketikan Anda yang hilang.</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>The customer database is not open</source>
        <translation>Database pelanggan belum terbuka</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No keyring works on this computer and COPILOT_DB_PASSPHRASE is not set. Set it to the site&apos;s passphrase, then restart the panel.</source>
        <translation>Keyring tidak berfungsi di komputer ini dan COPILOT_DB_PASSPHRASE belum diatur. Isi dengan frasa sandi situs, lalu jalankan ulang panel.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The database key does not fit</source>
        <translation>Kunci database tidak cocok</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The passphrase (keyring or COPILOT_DB_PASSPHRASE) does not open this database. Check it with your team leader or IT, then restart the panel.</source>
        <translation>Frasa sandi (keyring atau COPILOT_DB_PASSPHRASE) tidak dapat membuka database ini. Periksa bersama team leader atau IT, lalu jalankan ulang panel.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The database is busy</source>
        <translation>Database sedang sibuk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Another program is writing to it. Wait a moment and try again.</source>
        <translation>Program lain sedang menulis ke database. Tunggu sebentar, lalu coba lagi.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The database cannot be written</source>
        <translation>Database tidak bisa ditulis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file or its folder is read-only. Ask IT to give you write access; you can keep looking customers up meanwhile.</source>
        <translation>Berkas atau foldernya hanya-baca. Minta IT memberi akses tulis; sementara itu Anda tetap bisa mencari pelanggan.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The disk is full</source>
        <translation>Disk penuh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Free some disk space (empty Downloads or the recycle bin), then save again.</source>
        <translation>Kosongkan sebagian ruang disk (folder Unduhan atau Recycle Bin), lalu simpan lagi.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The database file is damaged</source>
        <translation>Berkas database rusak</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run `copilot check`, and restore the latest backup with IT if it fails.</source>
        <translation>Jalankan `copilot check`, dan pulihkan cadangan terbaru bersama IT jika gagal.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>These details belong to two customers</source>
        <translation>Data ini milik dua pelanggan berbeda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was merged. Check the identifiers, or ask your team leader to merge.</source>
        <translation>Tidak ada yang digabung. Periksa identitasnya, atau minta team leader menggabungkan.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>That did not work</source>
        <translation>Tindakan itu gagal</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Something went wrong</source>
        <translation>Terjadi kesalahan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try again; if it keeps happening, tell your team leader.</source>
        <translation>Coba lagi; jika terus terjadi, beri tahu team leader Anda.</translation>
    </message>
    <message>
        <location line="+104"/>
        <location line="+20"/>
        <source>Error</source>
        <translation>Galat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dismiss</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dismiss error</source>
        <translation>Tutup pesan galat</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hide this message (Ctrl+Shift+X)</source>
        <translation>Sembunyikan pesan ini (Ctrl+Shift+X)</translation>
    </message>
</context>
<context>
    <name>FactRow</name>
    <message>
        <location filename="../../copilot/ui/widgets/story.py" line="-74"/>
        <source>Fact: {text}</source>
        <translation>Fakta: {text}</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+5"/>
        <location line="+1"/>
        <source>Edit fact</source>
        <translation>Ubah fakta</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Enter saves, Esc cancels</source>
        <translation>Enter menyimpan, Esc membatalkan</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="vanished">Ubah</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="vanished">Hapus</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+1"/>
        <source>Remove fact</source>
        <translation>Hapus fakta</translation>
    </message>
</context>
<context>
    <name>FindWidget</name>
    <message>
        <location filename="../../copilot/ui/widgets/find.py" line="+98"/>
        <source>Find</source>
        <translation>Cari</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone, email, account, policy, AWB, ticket or name</source>
        <translation>Telepon, email, akun, polis, AWB, tiket, atau nama</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find customer</source>
        <translation>Cari pelanggan</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type any identifier or a name; results appear below. Enter opens the first.</source>
        <translation>Ketik identitas apa pun atau nama; hasil muncul di bawah. Enter membuka yang pertama.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paste &amp;&amp; find</source>
        <translation>Tempel &amp;&amp; cari</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find the identifier on the clipboard (Ctrl+Shift+V)</source>
        <translation>Cari identitas yang ada di clipboard (Ctrl+Shift+V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste and find</source>
        <translation>Tempel dan cari</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reads the clipboard once and looks the identifier up</source>
        <translation>Membaca clipboard sekali dan mencari identitasnya</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Matching customers</source>
        <translation>Pelanggan yang cocok</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter opens the selected customer</source>
        <translation>Enter membuka pelanggan yang dipilih</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find status</source>
        <translation>Status pencarian</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer name</source>
        <translation>Nama pelanggan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New customer name</source>
        <translation>Nama pelanggan baru</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter creates the customer</source>
        <translation>Enter membuat pelanggan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create</source>
        <translation>Buat</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+4"/>
        <source>Create customer</source>
        <translation>Buat pelanggan</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Creates the customer with the identifier you typed</source>
        <translation>Membuat pelanggan dengan identitas yang Anda ketik</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No customer matches “{query}”.</source>
        <translation>Tidak ada pelanggan yang cocok dengan “{query}”.</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>New customer</source>
        <translation>Pelanggan baru</translation>
    </message>
</context>
<context>
    <name>GlanceHeader</name>
    <message>
        <location filename="../../copilot/ui/widgets/header.py" line="+85"/>
        <source>Customer at a glance</source>
        <translation>Ringkasan pelanggan</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The identifier that matched what you searched</source>
        <translation>Identitas yang cocok dengan yang Anda cari</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{nth} contact in 7 days</source>
        <translation>Kontak {nth} dalam 7 hari</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{nth} in 30 days</source>
        <translation>{nth} dalam 30 hari</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Overdue promises: {n}</source>
        <translation>Janji terlambat: {n}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Critical: {fact}</source>
        <translation>Kritis: {fact}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Customer name</source>
        <translation>Nama pelanggan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identifier that matched</source>
        <translation>Identitas yang cocok</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contacts in the last 7 days</source>
        <translation>Kontak dalam 7 hari terakhir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contacts in the last 30 days</source>
        <translation>Kontak dalam 30 hari terakhir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue promises</source>
        <translation>Janji terlambat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Critical facts</source>
        <translation>Fakta kritis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customer&apos;s signals now</source>
        <translation>Sinyal pelanggan saat ini</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draft must change</source>
        <translation>Draf harus diubah</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+2"/>
        <source>Mr</source>
        <translation>Bapak</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+2"/>
        <source>Ms</source>
        <translation>Ibu</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>frustrated</source>
        <translation>kesal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>contacting again</source>
        <translation>menghubungi lagi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>urgent</source>
        <translation>mendesak</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>confused</source>
        <translation>bingung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>may leave</source>
        <translation>mungkin berhenti</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>vulnerable</source>
        <translation>rentan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>abusive</source>
        <translation>kasar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>may escalate</source>
        <translation>mungkin eskalasi</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Right now: {signals}</source>
        <translation>Saat ini: {signals}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>personal data</source>
        <translation>data pribadi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draft must change: {problem}</source>
        <translation>Draf harus diubah: {problem}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(+{n} more)</source>
        <translation>(+{n} lainnya)</translation>
    </message>
</context>
<context>
    <name>HealthBanner</name>
    <message>
        <location filename="../../copilot/ui/shell/banner.py" line="-101"/>
        <source>The customer database failed its integrity check</source>
        <translation>Database pelanggan gagal dalam pemeriksaan integritas</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tell your team leader now: IT should run `copilot check` and restore the newest backup with `copilot restore BACKUP`.</source>
        <translation>Segera beri tahu team leader Anda: IT perlu menjalankan `copilot check` dan memulihkan cadangan terbaru dengan `copilot restore BACKUP`.</translation>
    </message>
    <message>
        <location line="+130"/>
        <source>Database warning</source>
        <translation>Peringatan database</translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <location filename="../../copilot/ui/shell/help_overlay.py" line="+118"/>
        <location line="+2"/>
        <source>Keyboard shortcuts</source>
        <translation>Pintasan keyboard</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Action</source>
        <translation>Tindakan</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keys</source>
        <translation>Tombol</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every action of the panel and its keys</source>
        <translation>Semua tindakan di panel beserta tombolnya</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close keyboard help</source>
        <translation>Tutup bantuan keyboard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keyboard help</source>
        <translation>Bantuan keyboard</translation>
    </message>
</context>
<context>
    <name>HintCard</name>
    <message>
        <location filename="../../copilot/ui/widgets/now.py" line="+132"/>
        <source>Must</source>
        <translation>Wajib</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Should</source>
        <translation>Sebaiknya</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tip</source>
        <translation>Tips</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Severity</source>
        <translation>Tingkat</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>From the {pack} pack</source>
        <translation>Dari paket {pack}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why: {words}</source>
        <translation>Karena: {words}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Less</source>
        <translation>Ringkas</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>More</source>
        <translation>Detail</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hide details: {title}</source>
        <translation>Sembunyikan detail: {title}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show details: {title}</source>
        <translation>Tampilkan detail: {title}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What to do, the checklist and why it matters</source>
        <translation>Apa yang harus dilakukan, daftar periksa, dan alasannya</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unpin</source>
        <translation>Lepas</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pin</source>
        <translation>Sematkan</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unpin hint: {title}</source>
        <translation>Lepas petunjuk: {title}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pin hint: {title}</source>
        <translation>Sematkan petunjuk: {title}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pinned hints stay for this contact even when the message changes</source>
        <translation>Petunjuk yang disematkan tetap ada selama kontak ini meski pesannya berubah</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dismiss</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dismiss hint: {title}</source>
        <translation>Tutup petunjuk: {title}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hides this hint for the rest of this contact</source>
        <translation>Menyembunyikan petunjuk ini sampai kontak ini selesai</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../copilot/ui/widgets/industry.py" line="-53"/>
        <source>Insurance</source>
        <translation>Asuransi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Health</source>
        <translation>Kesehatan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Telecom</source>
        <translation>Telekomunikasi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logistics</source>
        <translation>Logistik</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finance</source>
        <translation>Keuangan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>General</source>
        <translation>Umum</translation>
    </message>
    <message>
        <location filename="../../copilot/ui/main_window.py" line="+261"/>
        <source>Copilot</source>
        <translation>Copilot</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Campaign industry</source>
        <translation>Industri kampanye</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The industry of this shift&apos;s campaign; it chooses which hints appear</source>
        <translation>Industri kampanye shift ini; menentukan petunjuk yang muncul</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Campaign industry (Ctrl+Shift+I)</source>
        <translation>Industri kampanye (Ctrl+Shift+I)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+13"/>
        <source>Keyboard shortcuts</source>
        <translation>Pintasan keyboard</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Keyboard shortcuts (F1)</source>
        <translation>Pintasan keyboard (F1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+1"/>
        <location line="+4"/>
        <source>Settings</source>
        <translation>Pengaturan</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Language, theme, docking edge and always on top</source>
        <translation>Bahasa, tema, sisi layar, dan selalu di atas</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Language</source>
        <translation>Bahasa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dock to</source>
        <translation>Tempel ke</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the campaign&apos;s industry</source>
        <translation>Pilih industri kampanye</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Switch language (English / Bahasa Indonesia)</source>
        <translation>Ganti bahasa (English / Bahasa Indonesia)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Switch theme (system / light / dark)</source>
        <translation>Ganti tema (sistem / terang / gelap)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Always on top</source>
        <translation>Selalu di atas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dock to the left edge</source>
        <translation>Tempel ke sisi kiri</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dock to the right edge</source>
        <translation>Tempel ke sisi kanan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dismiss the error message</source>
        <translation>Tutup pesan galat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hide the panel to the tray</source>
        <translation>Sembunyikan panel ke baki sistem</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close the panel</source>
        <translation>Tutup panel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit Copilot</source>
        <translation>Keluar dari Copilot</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow the system</source>
        <translation>Ikuti sistem</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>Terang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>Gelap</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 brings the panel forward from any program</source>
        <translation>%1 memunculkan panel dari program mana pun</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No global shortcut on Linux desktops: start Copilot again (for example from a desktop shortcut) to bring the panel forward.</source>
        <translation>Pintasan global tidak tersedia di desktop Linux: jalankan Copilot lagi (misalnya dari pintasan desktop) untuk memunculkan panel.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No global shortcut on this system: %1</source>
        <translation>Tidak ada pintasan global di sistem ini: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not available</source>
        <translation>tidak tersedia</translation>
    </message>
    <message>
        <source>New shift? Check the campaign&apos;s industry (Ctrl+Shift+I).</source>
        <translation type="vanished">Shift baru? Periksa industri kampanye (Ctrl+Shift+I).</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>The translation file is missing; staying in English.</source>
        <translation>Berkas terjemahan tidak ada; tetap dalam bahasa Inggris.</translation>
    </message>
</context>
<context>
    <name>Models</name>
    <message>
        <location filename="../../copilot/ui/models.py" line="+91"/>
        <source>Outbound</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inbound</source>
        <translation>Masuk</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Create customer “{query}”</source>
        <translation>Buat pelanggan “{query}”</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No customer matches. Press Enter to create one.</source>
        <translation>Tidak ada pelanggan yang cocok. Tekan Enter untuk membuatnya.</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Agent: {agent}</source>
        <translation>Agen: {agent}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Outcome: {outcome}</source>
        <translation>Hasil: {outcome}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Helpdesk ref: {ref}</source>
        <translation>Ref. helpdesk: {ref}</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Why: {words}</source>
        <translation>Karena: {words}</translation>
    </message>
</context>
<context>
    <name>NowController</name>
    <message>
        <location filename="../../copilot/ui/controllers/now.py" line="+162"/>
        <source>New hint: {titles}</source>
        <translation>Petunjuk baru: {titles}</translation>
    </message>
</context>
<context>
    <name>NowWidget</name>
    <message>
        <location filename="../../copilot/ui/widgets/now.py" line="+69"/>
        <source>Now</source>
        <translation>Sekarang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste or type the customer&apos;s latest message</source>
        <translation>Tempel atau ketik pesan terakhir pelanggan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer&apos;s latest message</source>
        <translation>Pesan terakhir pelanggan</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hints and customer signals appear below as you type</source>
        <translation>Petunjuk dan sinyal pelanggan muncul di bawah saat Anda mengetik</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hints</source>
        <translation>Petunjuk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hints for this message appear here.</source>
        <translation>Petunjuk untuk pesan ini muncul di sini.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No hints</source>
        <translation>Tidak ada petunjuk</translation>
    </message>
</context>
<context>
    <name>Ordinal</name>
    <message>
        <location filename="../../copilot/ui/widgets/common.py" line="+65"/>
        <source>{n}st</source>
        <translation>ke-{n}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n}nd</source>
        <translation>ke-{n}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n}rd</source>
        <translation>ke-{n}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n}th</source>
        <translation>ke-{n}</translation>
    </message>
</context>
<context>
    <name>PageTabs</name>
    <message>
        <location filename="../../copilot/ui/widgets/pages.py" line="+61"/>
        <source>Story</source>
        <translation>Riwayat</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The customer&apos;s story (Ctrl+1)</source>
        <translation>Riwayat pelanggan (Ctrl+1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Now</source>
        <translation>Sekarang</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The customer&apos;s message and hints (Ctrl+2)</source>
        <translation>Pesan pelanggan dan petunjuk (Ctrl+2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draft</source>
        <translation>Draf</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Your reply and its reminders (Ctrl+3)</source>
        <translation>Balasan Anda dan pengingatnya (Ctrl+3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrap-up</source>
        <translation>Rekap</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Log this contact (Ctrl+4)</source>
        <translation>Catat kontak ini (Ctrl+4)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Pages</source>
        <translation>Halaman</translation>
    </message>
</context>
<context>
    <name>PanelWidget</name>
    <message>
        <location filename="../../copilot/ui/panel.py" line="+282"/>
        <location line="+128"/>
        <source>Opening the customer database…</source>
        <translation>Membuka database pelanggan…</translation>
    </message>
    <message>
        <location line="-127"/>
        <source>Database status</source>
        <translation>Status database</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try again</source>
        <translation>Coba lagi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try opening the database again</source>
        <translation>Coba buka database lagi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retries after you fixed what the message above says</source>
        <translation>Mencoba lagi setelah Anda memperbaiki yang disebut pesan di atas</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Find a customer to see their story. Hints and tone work without one.</source>
        <translation>Cari pelanggan untuk melihat riwayatnya. Petunjuk dan nada tetap berfungsi tanpa pelanggan.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No customer open</source>
        <translation>Belum ada pelanggan yang dibuka</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Side panel</source>
        <translation>Panel samping</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Find customer</source>
        <translation>Cari pelanggan</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Focus the find box</source>
        <translation>Pindah ke kotak pencarian</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paste &amp;&amp; find</source>
        <translation>Tempel &amp;&amp; cari</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Look up the identifier on the clipboard</source>
        <translation>Cari identitas yang ada di clipboard</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Go to the story</source>
        <translation>Ke riwayat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jump to the customer&apos;s story</source>
        <translation>Lompat ke riwayat pelanggan</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Go to Now</source>
        <translation>Ke Sekarang</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Jump to the customer&apos;s message</source>
        <translation>Lompat ke pesan pelanggan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go to Draft</source>
        <translation>Ke Draf</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Jump to your reply</source>
        <translation>Lompat ke balasan Anda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go to Wrap-up</source>
        <translation>Ke Rekap panggilan</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Jump to the wrap-up form</source>
        <translation>Lompat ke formulir rekap panggilan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy draft</source>
        <translation>Salin draf</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Put the draft on the clipboard</source>
        <translation>Taruh draf di clipboard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save wrap-up</source>
        <translation>Simpan rekap panggilan</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Log this contact</source>
        <translation>Catat kontak ini</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show more history</source>
        <translation>Tampilkan riwayat lainnya</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load older contacts into the timeline</source>
        <translation>Muat kontak lama ke linimasa</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear find</source>
        <translation>Kosongkan pencarian</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Empty the find box</source>
        <translation>Kosongkan kotak pencarian</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The clipboard is empty</source>
        <translation>Clipboard kosong</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The draft is empty</source>
        <translation>Draf masih kosong</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Demo data loaded: {n} customers</source>
        <translation>Data demo dimuat: {n} pelanggan</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The customer database could not be opened: {error}</source>
        <translation>Database pelanggan tidak bisa dibuka: {error}</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Customer created</source>
        <translation>Pelanggan dibuat</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Long text: kept the first {kept} characters, left out {dropped}</source>
        <translation>Teks panjang: {kept} karakter pertama disimpan, {dropped} sisanya tidak dipakai</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Draft restored</source>
        <translation>Draf dipulihkan</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Draft restored above what you typed</source>
        <translation>Draf dipulihkan di atas teks yang Anda ketik</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Pinned: {titles}</source>
        <translation>Disematkan: {titles}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Find or create the customer first</source>
        <translation>Cari atau buat pelanggan dulu</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Saving…</source>
        <translation>Menyimpan…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Saved — {ordinal} contact in 7 days</source>
        <translation>Tersimpan — kontak {ordinal} dalam 7 hari</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saved</source>
        <translation>Tersimpan</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Not saved yet — your text is kept; try again</source>
        <translation>Belum tersimpan — teks Anda tetap ada; coba lagi</translation>
    </message>
</context>
<context>
    <name>PlaceholderPanel</name>
    <message>
        <location filename="../../copilot/ui/shell/panel_slot.py" line="+47"/>
        <source>The panel could not be loaded.</source>
        <translation>Panel tidak dapat dimuat.</translation>
    </message>
</context>
<context>
    <name>ReminderCard</name>
    <message>
        <location filename="../../copilot/ui/widgets/draft.py" line="-88"/>
        <source>Personal data in the draft: {kind}</source>
        <translation>Data pribadi di draf: {kind}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check the customer needs to see it; never send card numbers or codes.</source>
        <translation>Pastikan pelanggan memang perlu melihatnya; jangan pernah mengirim nomor kartu atau kode.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“{span}”: {message}</source>
        <translation>“{span}”: {message}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Apply</source>
        <translation>Terapkan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply suggestion</source>
        <translation>Terapkan saran</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replaces “{span}” with “{new}”</source>
        <translation>Mengganti “{span}” dengan “{new}”</translation>
    </message>
</context>
<context>
    <name>StoryController</name>
    <message>
        <location filename="../../copilot/ui/controllers/story.py" line="+96"/>
        <location line="+10"/>
        <source>Fact saved</source>
        <translation>Fakta tersimpan</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Fact removed</source>
        <translation>Fakta dihapus</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Commitment saved</source>
        <translation>Janji tersimpan</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Commitment updated</source>
        <translation>Janji diperbarui</translation>
    </message>
</context>
<context>
    <name>StoryWidget</name>
    <message>
        <location filename="../../copilot/ui/widgets/story.py" line="+180"/>
        <source>The story so far</source>
        <translation>Riwayat sejauh ini</translation>
    </message>
    <message>
        <source>Customer name</source>
        <translation type="vanished">Nama pelanggan</translation>
    </message>
    <message>
        <source>Customer identifiers</source>
        <translation type="vanished">Identitas pelanggan</translation>
    </message>
    <message>
        <source>Contacts in the last 7 days</source>
        <translation type="vanished">Kontak dalam 7 hari terakhir</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Pinned facts</source>
        <translation>Fakta yang disematkan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a fact… (Enter)</source>
        <translation>Tambah fakta… (Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New fact</source>
        <translation>Fakta baru</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter pins the fact to this customer</source>
        <translation>Enter menyematkan fakta ke pelanggan ini</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Open commitments</source>
        <translation>Janji yang masih terbuka</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a commitment…</source>
        <translation>Tambah janji…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New commitment</source>
        <translation>Janji baru</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What was promised; Enter saves</source>
        <translation>Apa yang dijanjikan; Enter menyimpan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commitment due</source>
        <translation>Tenggat janji</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When the promise is due</source>
        <translation>Kapan janji jatuh tempo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add</source>
        <translation>Tambah</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add commitment</source>
        <translation>Tambah janji</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saves the new commitment with its due date</source>
        <translation>Menyimpan janji baru beserta tenggatnya</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+1"/>
        <source>Last contacts</source>
        <translation>Kontak terakhir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter shows the details of a contact</source>
        <translation>Enter menampilkan detail kontak</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact details</source>
        <translation>Detail kontak</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show more</source>
        <translation>Tampilkan lagi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show more contacts</source>
        <translation>Tampilkan kontak lainnya</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loads older contacts into the list</source>
        <translation>Memuat kontak lama ke daftar</translation>
    </message>
    <message>
        <source>{ordinal} contact in 7 days</source>
        <translation type="vanished">Kontak {ordinal} dalam 7 hari</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <location filename="../../copilot/ui/shell/tray.py" line="+44"/>
        <source>Hide panel</source>
        <translation>Sembunyikan panel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show panel</source>
        <translation>Tampilkan panel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit Copilot</source>
        <translation>Keluar dari Copilot</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copilot side panel</source>
        <translation>Panel samping Copilot</translation>
    </message>
</context>
<context>
    <name>WelcomeWidget</name>
    <message>
        <location filename="../../copilot/ui/widgets/welcome.py" line="+44"/>
        <source>Welcome to Copilot</source>
        <translation>Selamat datang di Copilot</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Find a customer by phone, email, account number or name.</source>
        <translation>Cari pelanggan lewat telepon, email, nomor akun, atau nama.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>See their story so far: pinned facts, open promises, last contacts.</source>
        <translation>Lihat riwayatnya: fakta yang disematkan, janji yang terbuka, kontak terakhir.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste their message for hints; check your reply&apos;s tone, then copy it.</source>
        <translation>Tempel pesannya untuk mendapat petunjuk; periksa nada balasan Anda, lalu salin.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>Load demo data</source>
        <translation>Muat data demo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Adds 200 made-up customers so you can try the panel</source>
        <translation>Menambahkan 200 pelanggan fiktif agar Anda bisa mencoba panel</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Start with an empty database</source>
        <translation>Mulai tanpa data</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shows the find box</source>
        <translation>Menampilkan kotak pencarian</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loading demo data</source>
        <translation>Memuat data demo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Demo customers written so far</source>
        <translation>Pelanggan demo yang sudah ditulis</translation>
    </message>
</context>
<context>
    <name>WrapUpWidget</name>
    <message>
        <location filename="../../copilot/ui/widgets/wrapup.py" line="+89"/>
        <source>Wrap-up</source>
        <translation>Penutupan</translation>
    </message>
    <message>
        <location filename="../../copilot/ui/models.py" line="-248"/>
        <source>Phone</source>
        <translation>Telepon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Social media</source>
        <translation>Media sosial</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In person</source>
        <translation>Tatap muka</translation>
    </message>
    <message>
        <location filename="../../copilot/ui/widgets/wrapup.py" line="+8"/>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How the customer contacted us</source>
        <translation>Cara pelanggan menghubungi kita</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcome</source>
        <translation>Hasil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose or type how the contact ended</source>
        <translation>Pilih atau ketik bagaimana kontak berakhir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What happened (prefilled from the message)</source>
        <translation>Apa yang terjadi (terisi dari pesan)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Summary</source>
        <translation>Ringkasan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What happened in this contact</source>
        <translation>Apa yang terjadi dalam kontak ini</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New facts, one per line</source>
        <translation>Fakta baru, satu per baris</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New facts</source>
        <translation>Fakta baru</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each line becomes a pinned fact</source>
        <translation>Setiap baris menjadi fakta yang disematkan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New promise to the customer</source>
        <translation>Janji baru kepada pelanggan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New commitment</source>
        <translation>Janji baru</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What was promised</source>
        <translation>Apa yang dijanjikan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commitment due</source>
        <translation>Tenggat janji</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When the promise is due</source>
        <translation>Kapan janji jatuh tempo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save wrap-up (Ctrl+Enter)</source>
        <translation>Simpan rekap (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save wrap-up</source>
        <translation>Simpan penutupan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logs this contact for the customer</source>
        <translation>Mencatat kontak ini untuk pelanggan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrap-up status</source>
        <translation>Status penutupan</translation>
    </message>
    <message>
        <location filename="../../copilot/ui/shell/i18n_extra.py" line="+13"/>
        <source>Resolved</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-up needed</source>
        <translation>Perlu tindak lanjut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Escalated</source>
        <translation>Dieskalasi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Information given</source>
        <translation>Informasi diberikan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No answer</source>
        <translation>Tidak ada jawaban</translation>
    </message>
</context>
</TS>
