// Sample text for the Latin-script language profiles: everyday sentences of the kind captions and
// comments are made of, written for this module (not taken from any corpus). A few hundred words
// per language are enough for character trigrams to separate these languages; the stopword lists
// add the strongest single-word evidence for very short captions.

export interface LanguageSample {
  language: string;
  text: string;
  stopwords: string;
}

export const LATIN_SAMPLES: readonly LanguageSample[] = [
  {
    language: 'en',
    stopwords: `the a an and or but of to in on at for with is are was were be been it this that these those you
      your i me my we our they he she his her not no do does did have has had what when how who why which if so
      just can will would there here all about from by as up out over under down into than then like
      after before only also more some any each every very off new one two`,
    text: `I can't believe how fast this week went by. We finally tried the new place on the corner and honestly
      it was better than I expected. The food was good, the music was loud, and my friends would not stop
      laughing at the waiter's jokes. If you have never been there, you should go before everyone else finds
      out about it. Today I want to show you how I make a simple breakfast when I have no time at all. You
      only need three things from the kitchen, and it takes about five minutes. Watch until the end because
      the last part is the best one. My dog thinks every walk is the most important event of his life, and
      maybe he is right. Nobody told me that moving to a new city would be this hard, but I am glad that I
      did it. What would you do if you had one free day with no phone and no plans? Tell me in the comments
      and I will read all of them. This is part two, as you asked, and there will be a third one next week.
      They said it was impossible, so we did it anyway. Sometimes the smallest things make the biggest
      difference. Here are a few tips that changed the way I work, sleep and train. Don't forget to drink
      water, move your body and call your mother. Which one is your favourite? I really think this is the
      best song of the year. When you see it, you can't unsee it. Thank you so much for all the love on the
      last video, it means a lot to me. Let's see how long it takes my brother to notice. Over the weekend
      we drove down to the coast with two friends and a very old car. The engine made strange noises after
      every hill, but it never stopped. We stayed in a small house near the beach, cooked dinner together
      and played cards until late at night. My favourite moment was watching the sun come up while everyone
      else was still asleep. Next month I am starting a new training plan, so expect more workout videos,
      some progress updates and probably a few honest failures. I also got a lot of questions about my
      camera, my desk and the apps I use, so here is everything in one place. None of this is sponsored;
      these are just the things I like and use every single day. Let me know which one you want to see
      first, and don't be shy if you think I am doing something wrong. Could you try this at home? Probably,
      but please be careful with the knife.`,
  },
  {
    language: 'es',
    stopwords: `el la los las un una unos unas y o pero de del a al en con por para es son era fue ser está están
      esto este esta eso que qué no sí mi mis tu tus su sus lo le les me te se yo tú nosotros muy más cómo cuando
      porque también hay como ya`,
    text: `No puedo creer lo rápido que pasó esta semana. Por fin fuimos al sitio nuevo de la esquina y la verdad
      es que fue mejor de lo que esperaba. La comida estaba buena, la música muy alta y mis amigos no
      paraban de reírse con los chistes del camarero. Si nunca has ido, tienes que ir antes de que todo el
      mundo lo descubra. Hoy quiero enseñaros cómo preparo un desayuno sencillo cuando no tengo nada de
      tiempo. Solo necesitas tres cosas de la cocina y se hace en unos cinco minutos. Mirad hasta el final
      porque la última parte es la mejor. Mi perro piensa que cada paseo es lo más importante de su vida, y
      quizás tenga razón. Nadie me dijo que mudarme a otra ciudad sería tan difícil, pero me alegro de
      haberlo hecho. ¿Qué harías si tuvieras un día libre sin teléfono y sin planes? Dímelo en los
      comentarios y los leeré todos. Esta es la segunda parte, como me pedisteis, y la próxima semana habrá
      otra. Dijeron que era imposible, así que lo hicimos igual. A veces las cosas más pequeñas son las que
      más importan. Aquí tienes algunos consejos que cambiaron mi forma de trabajar, dormir y entrenar. No
      te olvides de beber agua, moverte y llamar a tu madre. ¿Cuál es tu favorito? De verdad creo que es la
      mejor canción del año. ¡Muchas gracias por todo el cariño en el último vídeo, significa mucho para mí!
      Vamos a ver cuánto tarda mi hermano en darse cuenta. El fin de semana fuimos a la costa con dos amigos
      y un coche muy viejo. El motor hacía ruidos raros después de cada cuesta, pero nunca se paró. Nos
      quedamos en una casa pequeña cerca de la playa, cocinamos juntos y jugamos a las cartas hasta muy
      tarde. Mi momento favorito fue ver salir el sol mientras todos los demás seguían durmiendo. El mes que
      viene empiezo un nuevo plan de entrenamiento, así que esperad más vídeos de ejercicio, algunos avances
      y seguramente algún fracaso sincero. También me habéis preguntado mucho por mi cámara, mi escritorio y
      las aplicaciones que uso, así que aquí lo tenéis todo junto. Nada de esto está patrocinado; son solo
      cosas que me gustan y que uso todos los días. Decidme cuál queréis ver primero y no os cortéis si
      creéis que estoy haciendo algo mal.`,
  },
  {
    language: 'pt',
    stopwords: `o a os as um uma uns umas e ou mas de do da dos das em no na nos nas com por para pelo pela é são
      era foi ser está estão isso isto esse essa este esta que não sim meu minha seu sua você vocês eu nós ele ela
      muito mais como quando porque também tem já pra`,
    text: `Não acredito como essa semana passou rápido. Finalmente fomos no lugar novo da esquina e sinceramente
      foi melhor do que eu esperava. A comida estava boa, a música alta e meus amigos não paravam de rir das
      piadas do garçom. Se você nunca foi lá, precisa ir antes que todo mundo descubra. Hoje eu quero
      mostrar pra vocês como eu faço um café da manhã simples quando não tenho tempo nenhum. Você só precisa
      de três coisas da cozinha e leva uns cinco minutos. Assistam até o final porque a última parte é a
      melhor. Meu cachorro acha que cada passeio é o evento mais importante da vida dele, e talvez ele tenha
      razão. Ninguém me contou que mudar para uma cidade nova seria tão difícil, mas estou feliz por ter
      feito isso. O que você faria se tivesse um dia livre sem celular e sem planos? Me conta nos
      comentários que eu vou ler todos. Essa é a parte dois, do jeito que vocês pediram, e na semana que vem
      tem mais uma. Disseram que era impossível, então a gente fez mesmo assim. Às vezes as menores coisas
      fazem a maior diferença. Aqui estão algumas dicas que mudaram o jeito que eu trabalho, durmo e treino.
      Não esqueçam de beber água, mexer o corpo e ligar para a mãe de vocês. Qual é o seu favorito? Eu acho
      mesmo que essa é a melhor música do ano. Muito obrigado por todo o carinho no último vídeo, significa
      muito pra mim. Vamos ver quanto tempo meu irmão demora para perceber. No fim de semana a gente foi
      para o litoral com dois amigos e um carro bem velho. O motor fazia barulhos estranhos depois de cada
      subida, mas nunca parou. Ficamos numa casa pequena perto da praia, cozinhamos juntos e jogamos cartas
      até tarde da noite. Meu momento favorito foi ver o sol nascer enquanto todo mundo ainda estava
      dormindo. No mês que vem vou começar um novo plano de treino, então podem esperar mais vídeos de
      academia, alguns resultados e com certeza algumas falhas sinceras. Vocês também perguntaram muito
      sobre minha câmera, minha mesa e os aplicativos que eu uso, então está tudo aqui num lugar só. Nada
      disso é patrocinado; são só coisas que eu gosto e uso todo santo dia. Me falem qual vocês querem ver
      primeiro e não fiquem com vergonha de dizer se eu estiver fazendo algo errado.`,
  },
  {
    language: 'fr',
    stopwords: `le la les un une des et ou mais de du au aux en dans sur avec pour par est sont était être ce cette
      ces cet que qui quoi ne pas non oui mon ma mes ton ta tes son sa ses je tu il elle nous vous ils elles on très
      plus comme quand parce aussi c'est d'autre qu'il`,
    text: `Je n'arrive pas à croire à quel point cette semaine est passée vite. On a enfin testé le nouveau
      restaurant au coin de la rue et franchement c'était mieux que ce que j'attendais. La nourriture était
      bonne, la musique était forte et mes amis n'arrêtaient pas de rire aux blagues du serveur. Si vous n'y
      êtes jamais allés, il faut y aller avant que tout le monde le découvre. Aujourd'hui je veux vous
      montrer comment je prépare un petit déjeuner simple quand je n'ai pas le temps. Il vous faut seulement
      trois choses de la cuisine et ça prend environ cinq minutes. Regardez jusqu'à la fin parce que la
      dernière partie est la meilleure. Mon chien pense que chaque promenade est l'événement le plus
      important de sa vie, et il a peut-être raison. Personne ne m'avait dit que déménager dans une nouvelle
      ville serait aussi difficile, mais je suis content de l'avoir fait. Qu'est-ce que vous feriez avec une
      journée libre sans téléphone et sans projets ? Dites-le moi dans les commentaires, je vais tous les
      lire. Voici la deuxième partie, comme vous l'avez demandé, et il y en aura une autre la semaine
      prochaine. Ils disaient que c'était impossible, alors on l'a fait quand même. Parfois ce sont les plus
      petites choses qui font la plus grande différence. Voilà quelques conseils qui ont changé ma façon de
      travailler, de dormir et de m'entraîner. N'oubliez pas de boire de l'eau, de bouger et d'appeler votre
      mère. C'est lequel votre préféré ? Je pense vraiment que c'est la meilleure chanson de l'année. Merci
      beaucoup pour tout l'amour sur la dernière vidéo, c'est incroyable et ça me touche énormément. Ce
      week-end on est partis à la mer avec deux amis et une très vieille voiture. Le moteur faisait des
      bruits bizarres après chaque côte, mais il ne s'est jamais arrêté. On a dormi dans une petite maison
      près de la plage, on a cuisiné ensemble et joué aux cartes jusqu'à tard dans la nuit. Mon moment
      préféré, c'était de regarder le soleil se lever pendant que tout le monde dormait encore. Le mois
      prochain je commence un nouveau programme d'entraînement, donc attendez-vous à plus de vidéos de
      sport, quelques progrès et sûrement quelques échecs honnêtes. Vous m'avez aussi posé beaucoup de
      questions sur mon appareil photo, mon bureau et les applis que j'utilise, alors tout est réuni ici.
      Rien de tout ça n'est sponsorisé ; ce sont juste des choses que j'aime et que j'utilise tous les
      jours. Dites-moi laquelle vous voulez voir en premier, et n'hésitez pas si vous pensez que je me
      trompe.`,
  },
  {
    language: 'de',
    stopwords: `der die das den dem des ein eine einen einem einer und oder aber von zu im in an auf mit für ist
      sind war waren sein es ich du er sie wir ihr nicht kein keine nein ja mein meine dein sehr mehr wie wenn weil
      auch noch schon so was wer dass`,
    text: `Ich kann nicht glauben, wie schnell diese Woche vorbei war. Wir haben endlich das neue Lokal an der
      Ecke ausprobiert und ehrlich gesagt war es besser als erwartet. Das Essen war gut, die Musik war laut
      und meine Freunde konnten nicht aufhören, über die Witze des Kellners zu lachen. Wenn ihr noch nie
      dort wart, müsst ihr hingehen, bevor es alle anderen entdecken. Heute möchte ich euch zeigen, wie ich
      ein einfaches Frühstück mache, wenn ich überhaupt keine Zeit habe. Ihr braucht nur drei Dinge aus der
      Küche und es dauert ungefähr fünf Minuten. Schaut bis zum Ende, denn der letzte Teil ist der beste.
      Mein Hund denkt, dass jeder Spaziergang das wichtigste Ereignis seines Lebens ist, und vielleicht hat
      er recht. Niemand hat mir gesagt, dass der Umzug in eine neue Stadt so schwer sein würde, aber ich bin
      froh, dass ich es gemacht habe. Was würdet ihr mit einem freien Tag ohne Handy und ohne Pläne machen?
      Schreibt es mir in die Kommentare, ich lese sie alle. Das ist der zweite Teil, wie ihr es euch
      gewünscht habt, und nächste Woche kommt noch einer. Sie haben gesagt, es sei unmöglich, also haben wir
      es trotzdem gemacht. Manchmal machen die kleinsten Dinge den größten Unterschied. Hier sind ein paar
      Tipps, die meine Art zu arbeiten, zu schlafen und zu trainieren verändert haben. Vergesst nicht,
      Wasser zu trinken, euch zu bewegen und eure Mutter anzurufen. Welches ist euer Favorit? Ich finde
      wirklich, das ist das beste Lied des Jahres. Vielen Dank für die ganze Liebe unter dem letzten Video,
      das bedeutet mir sehr viel. Mal sehen, wie lange mein Bruder braucht, um es zu merken. Am Wochenende
      sind wir mit zwei Freunden und einem sehr alten Auto an die Küste gefahren. Der Motor hat nach jedem
      Hügel seltsame Geräusche gemacht, aber er ist nie stehen geblieben. Wir haben in einem kleinen Haus in
      der Nähe vom Strand gewohnt, zusammen gekocht und bis spät in die Nacht Karten gespielt. Mein liebster
      Moment war, den Sonnenaufgang zu sehen, während alle anderen noch geschlafen haben. Nächsten Monat
      fange ich mit einem neuen Trainingsplan an, also erwartet mehr Sportvideos, ein paar Fortschritte und
      bestimmt auch ein paar ehrliche Misserfolge. Ihr habt mich außerdem oft nach meiner Kamera, meinem
      Schreibtisch und den Apps gefragt, die ich benutze, deshalb gibt es hier alles auf einmal. Nichts
      davon ist gesponsert; das sind einfach Sachen, die ich mag und jeden Tag benutze. Sagt mir, was ihr
      zuerst sehen wollt, und traut euch ruhig, wenn ihr denkt, dass ich etwas falsch mache.`,
  },
  {
    language: 'it',
    stopwords: `il lo la i gli le un uno una e o ma di del della dei delle a al alla in nel nella con per su è
      sono era essere questo questa quello che non sì mio mia tuo tua suo sua io tu lui lei noi voi loro molto più
      come quando perché anche già ci`,
    text: `Non riesco a credere quanto sia passata veloce questa settimana. Finalmente abbiamo provato il nuovo
      locale all'angolo e sinceramente è stato meglio di quanto mi aspettassi. Il cibo era buono, la musica
      era alta e i miei amici non smettevano di ridere per le battute del cameriere. Se non ci siete mai
      stati, dovete andarci prima che lo scoprano tutti. Oggi voglio mostrarvi come preparo una colazione
      semplice quando non ho per niente tempo. Vi servono solo tre cose dalla cucina e ci vogliono circa
      cinque minuti. Guardate fino alla fine perché l'ultima parte è la migliore. Il mio cane pensa che ogni
      passeggiata sia l'evento più importante della sua vita, e forse ha ragione. Nessuno mi aveva detto che
      trasferirmi in una nuova città sarebbe stato così difficile, ma sono contento di averlo fatto. Cosa
      fareste con un giorno libero senza telefono e senza programmi? Scrivetelo nei commenti e li leggerò
      tutti. Questa è la seconda parte, come mi avete chiesto, e la prossima settimana ne arriva un'altra.
      Dicevano che era impossibile, quindi lo abbiamo fatto lo stesso. A volte sono le cose più piccole a
      fare la differenza più grande. Ecco alcuni consigli che hanno cambiato il mio modo di lavorare,
      dormire e allenarmi. Non dimenticate di bere acqua, muovervi e chiamare vostra madre. Qual è il vostro
      preferito? Penso davvero che sia la canzone più bella dell'anno. Grazie mille per tutto l'affetto
      sull'ultimo video, significa molto per me. Vediamo quanto ci mette mio fratello ad accorgersene. Nel
      fine settimana siamo andati al mare con due amici e una macchina vecchissima. Il motore faceva rumori
      strani dopo ogni salita, ma non si è mai fermato. Abbiamo dormito in una casetta vicino alla spiaggia,
      cucinato insieme e giocato a carte fino a tarda notte. Il mio momento preferito è stato guardare il
      sole sorgere mentre tutti gli altri dormivano ancora. Il mese prossimo inizio un nuovo programma di
      allenamento, quindi aspettatevi più video di sport, qualche progresso e sicuramente qualche fallimento
      sincero. Mi avete anche fatto tante domande sulla mia fotocamera, sulla mia scrivania e sulle app che
      uso, quindi qui trovate tutto insieme. Niente di tutto questo è sponsorizzato; sono solo cose che mi
      piacciono e che uso ogni giorno. Ditemi quale volete vedere per prima e non abbiate paura di dirmelo
      se pensate che stia sbagliando qualcosa.`,
  },
  {
    language: 'id',
    stopwords: `yang dan atau tapi di ke dari dengan untuk pada ini itu adalah ada tidak bukan ya aku saya kamu
      kita kami mereka dia nya juga sudah akan bisa sangat lebih seperti kalau karena jadi sama apa nggak banget aja`,
    text: `Aku nggak percaya minggu ini berlalu begitu cepat. Akhirnya kami mencoba tempat baru di ujung jalan
      dan jujur saja rasanya lebih enak dari yang aku kira. Makanannya enak, musiknya keras, dan teman-
      temanku tidak berhenti tertawa karena lelucon pelayannya. Kalau kamu belum pernah ke sana, kamu harus
      datang sebelum semua orang tahu tempat ini. Hari ini aku mau menunjukkan cara membuat sarapan
      sederhana saat aku tidak punya waktu sama sekali. Kamu hanya butuh tiga bahan dari dapur dan cuma
      perlu sekitar lima menit. Tonton sampai habis karena bagian terakhir adalah yang paling seru. Anjingku
      berpikir bahwa setiap jalan-jalan adalah acara paling penting dalam hidupnya, dan mungkin dia benar.
      Tidak ada yang bilang kepadaku bahwa pindah ke kota baru akan sesulit ini, tapi aku senang sudah
      melakukannya. Apa yang akan kalian lakukan kalau punya satu hari libur tanpa ponsel dan tanpa rencana?
      Tulis di kolom komentar, nanti aku baca semuanya. Ini bagian kedua, sesuai permintaan kalian, dan
      minggu depan akan ada lagi. Mereka bilang itu tidak mungkin, jadi kami tetap melakukannya. Kadang hal-
      hal kecil yang membuat perbedaan paling besar. Berikut beberapa tips yang mengubah cara aku bekerja,
      tidur, dan berolahraga. Jangan lupa minum air, gerakkan badan, dan telepon ibu kalian. Mana yang jadi
      favorit kalian? Menurutku ini benar-benar lagu terbaik tahun ini. Terima kasih banyak untuk semua
      dukungan di video terakhir, itu sangat berarti buat aku. Kita lihat berapa lama adikku sadar. Akhir
      pekan kemarin kami pergi ke pantai bersama dua teman dan mobil yang sudah sangat tua. Mesinnya
      mengeluarkan suara aneh setiap habis tanjakan, tapi tidak pernah mogok. Kami menginap di rumah kecil
      dekat pantai, masak bareng, dan main kartu sampai larut malam. Momen favoritku adalah melihat matahari
      terbit saat yang lain masih tidur. Bulan depan aku mulai program latihan baru, jadi tunggu video
      olahraga, perkembangan latihan, dan pasti beberapa kegagalan yang jujur. Kalian juga banyak bertanya
      soal kamera, meja kerja, dan aplikasi yang aku pakai, jadi semuanya aku kumpulkan di sini. Tidak ada
      yang disponsori; ini cuma barang yang aku suka dan aku pakai setiap hari. Kasih tahu aku mana yang mau
      kalian lihat duluan, dan jangan malu bilang kalau menurut kalian aku salah.`,
  },
  {
    language: 'tr',
    stopwords: `ve veya ama bir bu şu o da de ile için gibi çok daha en ne ben sen biz siz onlar değil var yok mi
      mı mu mü ki ya bana sana beni seni her hiç kadar sonra önce şey`,
    text: `Bu haftanın ne kadar hızlı geçtiğine inanamıyorum. Sonunda köşedeki yeni yeri denedik ve açıkçası
      beklediğimden çok daha iyiydi. Yemekler güzeldi, müzik yüksekti ve arkadaşlarım garsonun şakalarına
      gülmeyi bırakamadı. Eğer daha önce hiç gitmediyseniz, herkes keşfetmeden önce mutlaka gidin. Bugün
      size hiç vaktim olmadığında basit bir kahvaltıyı nasıl hazırladığımı göstermek istiyorum. Mutfaktan
      sadece üç şeye ihtiyacınız var ve yaklaşık beş dakika sürüyor. Sonuna kadar izleyin çünkü son kısım en
      güzeli. Köpeğim her yürüyüşün hayatının en önemli olayı olduğunu düşünüyor ve belki de haklı. Kimse
      bana yeni bir şehre taşınmanın bu kadar zor olacağını söylememişti ama bunu yaptığım için mutluyum.
      Telefonsuz ve plansız bir boş gününüz olsa ne yapardınız? Yorumlarda bana yazın, hepsini okuyacağım.
      Bu ikinci bölüm, istediğiniz gibi, ve gelecek hafta bir tane daha gelecek. İmkansız olduğunu
      söylediler, biz de yine de yaptık. Bazen en küçük şeyler en büyük farkı yaratır. İşte çalışma, uyku ve
      antrenman şeklimi değiştiren birkaç ipucu. Su içmeyi, hareket etmeyi ve annenizi aramayı unutmayın.
      Sizin favoriniz hangisi? Bence bu gerçekten yılın en iyi şarkısı. Son videodaki tüm sevginiz için çok
      teşekkür ederim, benim için çok anlamlı. Bir de bunu deneyin, çok kolay ve çok lezzetli oluyor.
      Bakalım kardeşim bunu ne zaman fark edecek. Hafta sonu iki arkadaşımla ve çok eski bir arabayla sahile
      gittik. Motor her yokuştan sonra garip sesler çıkardı ama hiç durmadı. Plaja yakın küçük bir evde
      kaldık, birlikte yemek yaptık ve gece geç saatlere kadar kart oynadık. En sevdiğim an, herkes hâlâ
      uyurken güneşin doğuşunu izlemekti. Gelecek ay yeni bir antrenman programına başlıyorum, yani daha
      fazla spor videosu, biraz gelişme ve muhtemelen birkaç dürüst başarısızlık bekleyin. Bana kameram,
      masam ve kullandığım uygulamalar hakkında da çok soru sordunuz, o yüzden hepsini burada topladım.
      Bunların hiçbiri reklam değil; sadece sevdiğim ve her gün kullandığım şeyler. Önce hangisini görmek
      istediğinizi söyleyin ve yanlış bir şey yaptığımı düşünüyorsanız çekinmeden yazın.`,
  },
  {
    language: 'vi',
    stopwords: `và hoặc nhưng của là có không được cho với trong này đó một những các tôi bạn chúng anh em nó rất
      hơn như khi vì cũng đã sẽ đang thì mà ở lại nhất`,
    text: `Tôi không thể tin được tuần này trôi qua nhanh như vậy. Cuối cùng chúng tôi cũng thử quán mới ở góc
      phố và thật lòng mà nói nó ngon hơn tôi nghĩ. Đồ ăn rất ngon, nhạc thì to và bạn bè tôi cứ cười mãi vì
      mấy câu đùa của anh phục vụ. Nếu bạn chưa từng đến đó thì nên đi ngay trước khi mọi người đều biết.
      Hôm nay tôi muốn chỉ cho các bạn cách làm một bữa sáng đơn giản khi tôi không có thời gian. Bạn chỉ
      cần ba thứ trong bếp và mất khoảng năm phút. Hãy xem đến cuối vì phần cuối là hay nhất. Con chó của
      tôi nghĩ rằng mỗi lần đi dạo là sự kiện quan trọng nhất trong đời nó, và có lẽ nó đúng. Không ai nói
      với tôi rằng chuyển đến một thành phố mới lại khó như thế, nhưng tôi vui vì đã làm điều đó. Bạn sẽ làm
      gì nếu có một ngày nghỉ không điện thoại và không kế hoạch? Hãy nói cho tôi biết trong phần bình luận,
      tôi sẽ đọc hết. Đây là phần hai như các bạn đã yêu cầu, và tuần sau sẽ có thêm một phần nữa. Họ nói
      điều đó là không thể, nên chúng tôi vẫn làm. Đôi khi những điều nhỏ nhất lại tạo ra sự khác biệt lớn
      nhất. Đây là vài mẹo đã thay đổi cách tôi làm việc, ngủ và tập luyện. Đừng quên uống nước, vận động và
      gọi điện cho mẹ. Bạn thích cái nào nhất? Tôi thật sự nghĩ đây là bài hát hay nhất năm nay. Cảm ơn mọi
      người rất nhiều vì tình cảm ở video trước, điều đó có ý nghĩa rất lớn với tôi. Để xem em trai tôi mất
      bao lâu mới nhận ra. Cuối tuần vừa rồi chúng tôi lái xe ra biển cùng hai người bạn và một chiếc xe rất
      cũ. Động cơ kêu những tiếng lạ sau mỗi con dốc, nhưng nó chưa bao giờ dừng lại. Chúng tôi ở trong một
      ngôi nhà nhỏ gần bãi biển, cùng nhau nấu ăn và chơi bài đến tận khuya. Khoảnh khắc tôi thích nhất là
      ngắm mặt trời mọc khi mọi người vẫn còn đang ngủ. Tháng sau tôi sẽ bắt đầu một chương trình tập mới,
      nên các bạn hãy chờ thêm video thể thao, một chút tiến bộ và chắc chắn có vài lần thất bại thật lòng.
      Các bạn cũng hỏi tôi rất nhiều về máy ảnh, bàn làm việc và những ứng dụng tôi dùng, nên tôi gom hết
      vào đây. Không có gì ở đây là quảng cáo; đó chỉ là những thứ tôi thích và dùng mỗi ngày. Hãy cho tôi
      biết các bạn muốn xem cái nào trước, và đừng ngại nói nếu thấy tôi làm sai điều gì.`,
  },
  {
    language: 'nl',
    stopwords: `de het een en of maar van in op aan met voor is zijn was waren dat die dit deze ik jij je hij zij
      we wij jullie ze niet geen ja nee mijn jouw haar heel meer hoe als omdat ook nog al er wat wie`,
    text: `Ik kan niet geloven hoe snel deze week voorbij is gegaan. We hebben eindelijk die nieuwe zaak op de
      hoek geprobeerd en eerlijk gezegd was het beter dan ik had verwacht. Het eten was lekker, de muziek
      was hard en mijn vrienden konden niet stoppen met lachen om de grappen van de ober. Als je er nog
      nooit bent geweest, moet je gaan voordat iedereen het ontdekt. Vandaag wil ik jullie laten zien hoe ik
      een simpel ontbijt maak als ik helemaal geen tijd heb. Je hebt maar drie dingen uit de keuken nodig en
      het duurt ongeveer vijf minuten. Kijk tot het einde, want het laatste deel is het beste. Mijn hond
      denkt dat elke wandeling het belangrijkste moment van zijn leven is, en misschien heeft hij gelijk.
      Niemand had me verteld dat verhuizen naar een nieuwe stad zo moeilijk zou zijn, maar ik ben blij dat
      ik het heb gedaan. Wat zouden jullie doen met een vrije dag zonder telefoon en zonder plannen? Laat
      het weten in de reacties, ik lees ze allemaal. Dit is deel twee, zoals jullie vroegen, en volgende
      week komt er nog een. Ze zeiden dat het onmogelijk was, dus we hebben het toch gedaan. Soms maken de
      kleinste dingen het grootste verschil. Hier zijn een paar tips die mijn manier van werken, slapen en
      trainen hebben veranderd. Vergeet niet water te drinken, te bewegen en je moeder te bellen. Welke is
      jouw favoriet? Ik vind echt dat dit het beste nummer van het jaar is. Heel erg bedankt voor alle
      liefde op de vorige video, het betekent veel voor mij. Eens kijken hoe lang mijn broer erover doet om
      het te merken. Afgelopen weekend zijn we met twee vrienden en een heel oude auto naar de kust gereden.
      De motor maakte na elke heuvel rare geluiden, maar hij is nooit stil blijven staan. We sliepen in een
      klein huisje vlak bij het strand, kookten samen en speelden kaart tot diep in de nacht. Mijn favoriete
      moment was de zon zien opkomen terwijl de rest nog lag te slapen. Volgende maand begin ik met een
      nieuw trainingsschema, dus verwacht meer sportvideo's, wat vooruitgang en vast ook een paar eerlijke
      mislukkingen. Jullie stelden ook veel vragen over mijn camera, mijn bureau en de apps die ik gebruik,
      dus hier staat alles bij elkaar. Niets hiervan is gesponsord; het zijn gewoon dingen die ik leuk vind
      en elke dag gebruik. Laat me weten welke jullie eerst willen zien, en zeg het gerust als je denkt dat
      ik iets verkeerd doe.`,
  },
  {
    language: 'pl',
    stopwords: `i a ale lub w we na z ze do od po za dla jest są był była być to ten ta te tego nie tak mój moja
      twój jego jej ja ty on ona my wy oni bardzo więcej jak kiedy bo też już się że co czy`,
    text: `Nie mogę uwierzyć, jak szybko minął ten tydzień. W końcu spróbowaliśmy nowego miejsca na rogu i
      szczerze mówiąc było lepiej, niż się spodziewałem. Jedzenie było dobre, muzyka głośna, a moi znajomi
      nie mogli przestać się śmiać z żartów kelnera. Jeśli jeszcze tam nie byliście, musicie iść, zanim
      wszyscy się o tym dowiedzą. Dzisiaj chcę wam pokazać, jak robię proste śniadanie, kiedy nie mam w
      ogóle czasu. Potrzebujecie tylko trzech rzeczy z kuchni i zajmuje to około pięciu minut. Oglądajcie do
      końca, bo ostatnia część jest najlepsza. Mój pies myśli, że każdy spacer to najważniejsze wydarzenie w
      jego życiu, i może ma rację. Nikt mi nie powiedział, że przeprowadzka do nowego miasta będzie taka
      trudna, ale cieszę się, że to zrobiłem. Co byście zrobili z wolnym dniem bez telefonu i bez planów?
      Napiszcie mi w komentarzach, przeczytam wszystkie. To jest druga część, tak jak prosiliście, a w
      przyszłym tygodniu będzie jeszcze jedna. Mówili, że to niemożliwe, więc i tak to zrobiliśmy. Czasami
      najmniejsze rzeczy robią największą różnicę. Oto kilka wskazówek, które zmieniły mój sposób pracy,
      spania i treningu. Nie zapomnijcie pić wody, ruszać się i zadzwonić do mamy. Który jest waszym
      ulubionym? Naprawdę uważam, że to najlepsza piosenka roku. Bardzo dziękuję za całą miłość pod ostatnim
      filmem, to dla mnie bardzo dużo znaczy. Zobaczymy, ile czasu zajmie mojemu bratu, żeby to zauważyć. W
      weekend pojechaliśmy nad morze z dwójką przyjaciół i bardzo starym samochodem. Silnik wydawał dziwne
      dźwięki po każdym podjeździe, ale ani razu nie stanął. Spaliśmy w małym domku niedaleko plaży,
      gotowaliśmy razem i graliśmy w karty do późnej nocy. Moim ulubionym momentem było oglądanie wschodu
      słońca, kiedy wszyscy jeszcze spali. W przyszłym miesiącu zaczynam nowy plan treningowy, więc
      spodziewajcie się więcej filmów o sporcie, trochę postępów i na pewno kilku szczerych porażek.
      Pytaliście mnie też często o aparat, biurko i aplikacje, których używam, więc wszystko jest tutaj w
      jednym miejscu. Nic z tego nie jest sponsorowane; to po prostu rzeczy, które lubię i których używam
      codziennie. Dajcie znać, co chcecie zobaczyć najpierw, i śmiało piszcie, jeśli uważacie, że robię coś
      źle.`,
  },
];
