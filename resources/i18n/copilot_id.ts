<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>CommitmentRow</name>
    <message>
        <location filename="../../copilot/ui/widgets/story.py" line="+134"/>
        <source>overdue since {due}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>due {due}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Commitment: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark commitment done</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DraftController</name>
    <message>
        <location filename="../../copilot/ui/controllers/draft.py" line="+173"/>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DraftWidget</name>
    <message>
        <location filename="../../copilot/ui/widgets/draft.py" line="+137"/>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write your reply here; nothing is ever sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draft reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tone reminders are underlined and listed below; Copy puts it on the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the draft to the clipboard (Ctrl+Shift+C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Puts the draft on the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tone reminders</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <location filename="../../copilot/ui/shell/banner.py" line="+79"/>
        <source>Nothing you typed is lost.</source>
        <translation>Tidak ada ketikan Anda yang hilang.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The customer database is not open</source>
        <translation>Database pelanggan belum terbuka</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No keyring works on this computer and COPILOT_DB_PASSPHRASE is not set. Set it to the site&apos;s passphrase, then restart the panel.</source>
        <translation>Keyring tidak berfungsi di komputer ini dan COPILOT_DB_PASSPHRASE belum diatur. Isi dengan frasa sandi situs, lalu jalankan ulang panel.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The database key does not fit</source>
        <translation>Kunci database tidak cocok</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The passphrase (keyring or COPILOT_DB_PASSPHRASE) does not open this database. Check it with your team leader or IT, then restart the panel.</source>
        <translation>Frasa sandi (keyring atau COPILOT_DB_PASSPHRASE) tidak dapat membuka database ini. Periksa bersama team leader atau IT, lalu jalankan ulang panel.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The database is busy</source>
        <translation>Database sedang sibuk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Another program is writing to it. Wait a moment and try again.</source>
        <translation>Program lain sedang menulis ke database. Tunggu sebentar, lalu coba lagi.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The database cannot be written</source>
        <translation>Database tidak bisa ditulis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file or its folder is read-only. Ask IT to give you write access; you can keep looking customers up meanwhile.</source>
        <translation>Berkas atau foldernya hanya-baca. Minta IT memberi akses tulis; sementara itu Anda tetap bisa mencari pelanggan.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The disk is full</source>
        <translation>Disk penuh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Free some disk space (empty Downloads or the recycle bin), then save again.</source>
        <translation>Kosongkan sebagian ruang disk (folder Unduhan atau Recycle Bin), lalu simpan lagi.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The database file is damaged</source>
        <translation>Berkas database rusak</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run `copilot check`, and restore the latest backup with IT if it fails.</source>
        <translation>Jalankan `copilot check`, dan pulihkan cadangan terbaru bersama IT jika gagal.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>These details belong to two customers</source>
        <translation>Data ini milik dua pelanggan berbeda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was merged. Check the identifiers, or ask your team leader to merge.</source>
        <translation>Tidak ada yang digabung. Periksa identitasnya, atau minta team leader menggabungkan.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>That did not work</source>
        <translation>Tindakan itu gagal</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Something went wrong</source>
        <translation>Terjadi kesalahan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try again; if it keeps happening, tell your team leader.</source>
        <translation>Coba lagi; jika terus terjadi, beri tahu team leader Anda.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Error</source>
        <translation>Galat</translation>
    </message>
    <message>
        <location line="+20"/>
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
        <location filename="../../copilot/ui/widgets/story.py" line="-67"/>
        <source>Fact: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>Edit fact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Enter saves, Esc cancels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove fact</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FindWidget</name>
    <message>
        <location filename="../../copilot/ui/widgets/find.py" line="+93"/>
        <source>Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone, email, account, policy, AWB, ticket or name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type any identifier or a name; results appear below. Enter opens the first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paste &amp;&amp; find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find the identifier on the clipboard (Ctrl+Shift+V)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste and find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reads the clipboard once and looks the identifier up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Matching customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter opens the selected customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New customer name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter creates the customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+4"/>
        <source>Create customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Creates the customer with the identifier you typed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No customer matches “{query}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+37"/>
        <source>New customer</source>
        <translation type="unfinished"></translation>
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
        <location filename="../../copilot/ui/widgets/now.py" line="+68"/>
        <source>Must</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Should</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why: {words}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unpin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unpin hint: {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pin hint: {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pinned hints stay for this contact even when the message changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dismiss</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dismiss hint: {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hides this hint for the rest of this contact</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../copilot/ui/main_window.py" line="+110"/>
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
        <location line="+195"/>
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
        <location line="+11"/>
        <source>Keyboard shortcuts</source>
        <translation>Pintasan keyboard</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Keyboard shortcuts (F1)</source>
        <translation>Pintasan keyboard (F1)</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <location line="+6"/>
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
        <location line="+57"/>
        <source>The translation file is missing; staying in English.</source>
        <translation>Berkas terjemahan tidak ada; tetap dalam bahasa Inggris.</translation>
    </message>
</context>
<context>
    <name>NowController</name>
    <message>
        <location filename="../../copilot/ui/controllers/now.py" line="+146"/>
        <source>New hint: {titles}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NowWidget</name>
    <message>
        <location filename="../../copilot/ui/widgets/now.py" line="+69"/>
        <source>Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste or type the customer&apos;s latest message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer&apos;s latest message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hints and customer signals appear below as you type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hints for this message appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No hints</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlaceholderPanel</name>
    <message>
        <location filename="../../copilot/ui/main_window.py" line="-334"/>
        <source>The panel is loading…</source>
        <translation>Panel sedang dimuat…</translation>
    </message>
</context>
<context>
    <name>ReminderCard</name>
    <message>
        <location filename="../../copilot/ui/widgets/draft.py" line="-69"/>
        <source>Personal data in the draft: {kind}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check the customer needs to see it; never send card numbers or codes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply suggestion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replaces “{span}” with “{new}”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoryController</name>
    <message>
        <location filename="../../copilot/ui/controllers/story.py" line="+96"/>
        <location line="+10"/>
        <source>Fact saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Fact removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Commitment saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Commitment updated</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoryWidget</name>
    <message>
        <location filename="../../copilot/ui/widgets/story.py" line="+158"/>
        <source>The story so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer identifiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contacts in the last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Pinned facts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a fact… (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New fact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter pins the fact to this customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Open commitments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a commitment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New commitment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What was promised; Enter saves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commitment due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When the promise is due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add commitment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saves the new commitment with its due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Last contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter shows the details of a contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show more contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loads older contacts into the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+35"/>
        <source>{ordinal} contact in 7 days</source>
        <translation type="unfinished"></translation>
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
</TS>
